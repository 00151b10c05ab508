package io.heartline.training.rosterimport;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What {@code GET /api/v1/roster-imports/{id}} and its lists answer. */
public final class ImportViews {

    private ImportViews() {
    }

    /**
     * Counts of records by what the import did (or, in a dry run, would do) to them; {@code openCrisisCases}: of the
     * deactivated, how many have an open crisis case (their report lines say so).
     */
    public record Counts(long created, long updated, long deactivated, long rekeyed, long reactivated,
            long unchanged, long skipped, long errors, long openCrisisCases) {

        static Counts of(Map<String, Long> m) {
            return new Counts(m.getOrDefault("created", 0L), m.getOrDefault("updated", 0L),
                    m.getOrDefault("deactivated", 0L), m.getOrDefault("rekeyed", 0L),
                    m.getOrDefault("reactivated", 0L), m.getOrDefault("unchanged", 0L),
                    m.getOrDefault("skipped", 0L), m.getOrDefault("errors", 0L),
                    m.getOrDefault("openCrisisCases", 0L));
        }
    }

    public record RowError(String file, Integer row, String sourceId, String reason) {
    }

    public record Import(UUID id, String format, boolean dryRun, ImportState state, Instant createdAt,
            Instant startedAt, Instant finishedAt, int rowsDone, Integer rowsTotal, Counts counts,
            List<RowError> errors, boolean errorsTruncated, RosterImport.Held held, String confirmedBy,
            String failure) {

        static Import of(RosterImport job, List<RowError> errors, boolean truncated) {
            return new Import(job.id(), job.format().code(), job.dryRun(), job.state(), job.createdAt(),
                    job.startedAt(), job.finishedAt(), job.rowsDone(), job.rowsTotal(), Counts.of(job.counts()),
                    errors, truncated, job.held(), job.confirmedBy(), job.failure());
        }
    }

    /**
     * One line of the row-by-row report, numbered from 1 in file order. {@code action}: CREATED, UPDATED, REKEYED,
     * REACTIVATED, DEACTIVATED, ERROR, SKIPPED.
     */
    public record ReportLine(int line, String file, Integer row, String record, String sourceId, String personId,
            String action, String reason) {
    }
}
