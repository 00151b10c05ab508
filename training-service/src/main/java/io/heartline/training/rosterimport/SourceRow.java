package io.heartline.training.rosterimport;

import java.util.List;
import java.util.Map;

/**
 * One record of an uploaded file, parsed: the value, or the reasons it was refused. {@code row} is the 1-based data
 * row (CSV: header excluded; JSON: array position).
 */
public record SourceRow<T>(String file, int row, String sourceId, T value, List<String> errors) {

    public static <T> SourceRow<T> ok(String file, int row, String sourceId, T value) {
        return new SourceRow<>(file, row, sourceId, value, List.of());
    }

    public static <T> SourceRow<T> refused(String file, int row, String sourceId, List<String> errors) {
        return new SourceRow<>(file, row, sourceId, null, List.copyOf(errors));
    }

    /**
     * This row, or a refusal when an earlier row of the file had the same source id ({@code seen}: id → first row,
     * kept by the caller for the whole file).
     */
    public SourceRow<T> unlessDuplicate(Map<String, Integer> seen) {
        if (sourceId == null) {
            return this;
        }
        Integer first = seen.putIfAbsent(sourceId, row);
        return first == null ? this
                : refused(file, row, sourceId, List.of("duplicate of row " + first + " (" + sourceId + ")"));
    }

    public boolean isOk() {
        return errors.isEmpty();
    }

    public String reason() {
        return String.join("; ", errors);
    }
}
