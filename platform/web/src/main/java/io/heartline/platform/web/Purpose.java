package io.heartline.platform.web;

import java.util.List;
import java.util.Locale;

/**
 * Why a sensitive record is read (issue 14), stated with {@code X-Purpose-Of-Use} or {@code ?purposeOfUse=} and
 * recorded with the read. {@code CARE}: looking after the person (the default); {@code SAFEGUARDING}: protecting
 * them or others from harm (crisis, child protection); {@code REVIEW}: clinical or case review, supervision;
 * {@code AUDIT}: oversight, data-protection checks, complaints.
 */
public enum Purpose {
    CARE, SAFEGUARDING, REVIEW, AUDIT;

    public static final String HEADER = "X-Purpose-Of-Use";
    public static final String QUERY = "purposeOfUse";
    public static final Purpose DEFAULT = CARE;

    /** A purpose and whether it was stated or fell back to {@link #DEFAULT}. */
    public record Stated(Purpose purpose, boolean defaulted) {
        public static final Stated DEFAULTED = new Stated(DEFAULT, true);
    }

    /**
     * The purpose from the header and the query parameter values: the header wins when both are present and agree;
     * neither → {@link Stated#DEFAULTED}.
     *
     * @throws ProblemException 400 for a value outside the list, several values, or header and query disagreeing
     */
    public static Stated of(String header, List<String> query) {
        Purpose fromHeader = header == null ? null : parse(HEADER, header);
        if (query != null && query.size() > 1) {
            throw invalid(QUERY, "give one purpose, not " + query.size());
        }
        Purpose fromQuery = query == null || query.isEmpty() ? null : parse(QUERY, query.get(0));
        if (fromHeader != null && fromQuery != null && fromHeader != fromQuery) {
            throw invalid(QUERY, "the header " + HEADER + " says " + fromHeader + "; give one purpose");
        }
        Purpose p = fromHeader != null ? fromHeader : fromQuery;
        return p == null ? Stated.DEFAULTED : new Stated(p, false);
    }

    private static Purpose parse(String field, String raw) {
        String v = raw.trim().toUpperCase(Locale.ROOT);
        for (Purpose p : values()) {
            if (p.name().equals(v)) {
                return p;
            }
        }
        throw invalid(field, "one of CARE, SAFEGUARDING, REVIEW, AUDIT");
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.badRequest("The purpose of use is not one of CARE, SAFEGUARDING, REVIEW, AUDIT",
                List.of(new Problem.FieldError(field, message)));
    }
}
