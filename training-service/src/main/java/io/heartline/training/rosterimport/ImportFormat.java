package io.heartline.training.rosterimport;

import java.util.Arrays;
import java.util.Optional;

/** The upload formats of {@code POST /api/v1/roster-imports?format=}. */
public enum ImportFormat {
    ONEROSTER_CSV("oneroster-csv"), STAFF_CSV("staff-csv"), STAFF_JSON("staff-json");

    private final String code;

    ImportFormat(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ImportFormat> of(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }
}
