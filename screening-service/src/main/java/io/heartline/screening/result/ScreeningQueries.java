package io.heartline.screening.result;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.web.PageRequest;
import io.heartline.screening.instrument.Metric;
import io.heartline.screening.instrument.RiskLevel;
import io.heartline.screening.instrument.SubjectType;
import io.heartline.screening.scoring.Answer;
import io.heartline.screening.scoring.Flag;
import io.heartline.screening.scoring.SubscaleScore;

/**
 * Reads of the screening table, always within one school: the school is part of every query, so a record of another
 * school is simply not found. Keyset pages (submitted_at, id), newest first.
 */
@ApplicationScoped
public class ScreeningQueries {

    private static final String SUMMARY_COLUMNS = "id, school, subject_id, subject_type, instrument_code, "
            + "instrument_version, scoring_rules_version, submitted_at, campaign_id, total_score, mean_score, "
            + "percentage_score, banded_on, band_score, band, risk_level, flags, language, consent_basis, "
            + "reviewed_risk_level, reviewed_decision, reviewed_reason_code, reviewed_by, reviewed_at";
    /** The screening table with the latest review of each row beside it ({@code reviewed_*} columns, null if none). */
    private static final String REVIEWED = "(SELECT s.*, r.risk_level AS reviewed_risk_level,"
            + " r.decision AS reviewed_decision, r.reason_code AS reviewed_reason_code, r.reviewed_by,"
            + " r.reviewed_at FROM screening s LEFT JOIN LATERAL (SELECT * FROM screening_review sr"
            + " WHERE sr.screening_id = s.id ORDER BY sr.reviewed_at DESC, sr.id DESC LIMIT 1) r ON true) x";
    private static final TypeReference<List<Answer>> ANSWERS = new TypeReference<>() {
    };
    private static final TypeReference<List<SubscaleScore>> SUBSCALES = new TypeReference<>() {
    };
    private static final TypeReference<List<Flag>> FLAGS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    ScreeningQueries(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The full result, answers included. */
    public Optional<StoredScreening> find(String school, String district, UUID id) {
        List<StoredScreening> rows = query("SELECT " + SUMMARY_COLUMNS + ", answers, subscales FROM " + REVIEWED
                + " WHERE school = ? AND district IS NOT DISTINCT FROM ? AND id = ?", true, ps -> {
                    ps.setString(1, school);
                    ps.setString(2, district);
                    ps.setObject(3, id);
                });
        return rows.stream().findFirst();
    }

    /**
     * Results of the school whose current level (reviewed, else computed) is at or above a level, submitted at or
     * after {@code since} (may be null): unreviewed first, then reviewed, each newest first. The cursor row's group
     * decides where the next page starts.
     */
    public List<StoredScreening> worklist(String school, String district, RiskLevel atLeast, Instant since,
            PageRequest page) {
        List<String> levels = atLeast.andAbove().stream().map(Enum::name).toList();
        boolean cursorReviewed = page.hasCursor() && reviewed(page.beforeId());
        String keyset = !page.hasCursor() ? ""
                : cursorReviewed ? " AND reviewed_at IS NOT NULL AND (submitted_at, id) < (?, ?)"
                        : " AND (reviewed_at IS NOT NULL OR (submitted_at, id) < (?, ?))";
        String sql = "SELECT " + SUMMARY_COLUMNS + " FROM " + REVIEWED + " WHERE school = ?"
                + " AND district IS NOT DISTINCT FROM ? AND coalesce(reviewed_risk_level, risk_level) = ANY (?)"
                + (since != null ? " AND submitted_at >= ?" : "") + keyset
                + " ORDER BY (reviewed_at IS NOT NULL), submitted_at DESC, id DESC LIMIT ?";
        return query(sql, false, ps -> {
            int i = 1;
            ps.setString(i++, school);
            ps.setString(i++, district);
            ps.setArray(i++, ps.getConnection().createArrayOf("text", levels.toArray()));
            if (since != null) {
                ps.setTimestamp(i++, Timestamp.from(since));
            }
            i = cursor(ps, i, page);
            ps.setInt(i, page.limit() + 1);
        });
    }

    private boolean reviewed(UUID screeningId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM screening_review WHERE screening_id = ?")) {
            ps.setObject(1, screeningId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read reviews (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /** One person's results at the (district, school), newest first. */
    public List<StoredScreening> archive(String district, String school, String subjectId, PageRequest page) {
        String sql = "SELECT " + SUMMARY_COLUMNS + ", subscales FROM " + REVIEWED
                + " WHERE district IS NOT DISTINCT FROM ? AND school = ? AND subject_id = ?"
                + (page.hasCursor() ? " AND (submitted_at, id) < (?, ?)" : "")
                + " ORDER BY submitted_at DESC, id DESC LIMIT ?";
        return query(sql, false, ps -> {
            int i = 1;
            ps.setString(i++, district);
            ps.setString(i++, school);
            ps.setString(i++, subjectId);
            i = cursor(ps, i, page);
            ps.setInt(i, page.limit() + 1);
        });
    }

    /** The latest {@code perInstrument} results of each instrument for one person: what trends are drawn from. */
    public List<StoredScreening> latestPerInstrument(String district, String school, String subjectId,
            int perInstrument) {
        String sql = "SELECT " + SUMMARY_COLUMNS + " FROM (SELECT x.*, row_number() OVER (PARTITION BY instrument_code"
                + " ORDER BY submitted_at DESC, id DESC) AS n FROM " + REVIEWED
                + " WHERE district IS NOT DISTINCT FROM ? AND school = ? AND subject_id = ?) y"
                + " WHERE n <= ? ORDER BY instrument_code, submitted_at, id";
        return query(sql, false, ps -> {
            ps.setString(1, district);
            ps.setString(2, school);
            ps.setString(3, subjectId);
            ps.setInt(4, perInstrument);
        });
    }

    /**
     * The caller's own results: district, school and subject all fixed by the token, newest first, optionally one
     * instrument. Nobody else's row can match. Only what the person submitted about themselves: an observer form a
     * teacher filled in, or a form a psychologist entered for them, is the psychologist's to talk through, not served.
     */
    public List<StoredScreening> own(String district, String school, String subjectId, String instrument,
            PageRequest page) {
        String sql = "SELECT " + SUMMARY_COLUMNS + " FROM " + REVIEWED + " WHERE district IS NOT DISTINCT FROM ?"
                + " AND school = ? AND subject_id = ? AND submitted_by = subject_id"
                + (instrument != null ? " AND instrument_code = ?" : "")
                + (page.hasCursor() ? " AND (submitted_at, id) < (?, ?)" : "")
                + " ORDER BY submitted_at DESC, id DESC LIMIT ?";
        return query(sql, false, ps -> {
            int i = 1;
            ps.setString(i++, district);
            ps.setString(i++, school);
            ps.setString(i++, subjectId);
            if (instrument != null) {
                ps.setString(i++, instrument);
            }
            i = cursor(ps, i, page);
            ps.setInt(i, page.limit() + 1);
        });
    }

    /** The caller's own latest {@code perInstrument} results per instrument (or of one), oldest first per instrument. */
    public List<StoredScreening> ownLatestPerInstrument(String district, String school, String subjectId,
            String instrument, int perInstrument) {
        String sql = "SELECT " + SUMMARY_COLUMNS + " FROM (SELECT x.*, row_number() OVER (PARTITION BY instrument_code"
                + " ORDER BY submitted_at DESC, id DESC) AS n FROM " + REVIEWED + " WHERE district IS NOT DISTINCT FROM ?"
                + " AND school = ? AND subject_id = ? AND submitted_by = subject_id"
                + (instrument != null ? " AND instrument_code = ?" : "")
                + ") y WHERE n <= ? ORDER BY instrument_code, submitted_at, id";
        return query(sql, false, ps -> {
            int i = 1;
            ps.setString(i++, district);
            ps.setString(i++, school);
            ps.setString(i++, subjectId);
            if (instrument != null) {
                ps.setString(i++, instrument);
            }
            ps.setInt(i, perInstrument);
        });
    }

    /** One of the caller's own results with its answers (district, school and subject fixed by the token). */
    public Optional<StoredScreening> ownWithAnswers(String district, String school, String subjectId, UUID id) {
        return query("SELECT " + SUMMARY_COLUMNS + ", answers FROM " + REVIEWED
                + " WHERE district IS NOT DISTINCT FROM ? AND school = ? AND subject_id = ? AND submitted_by = subject_id"
                + " AND id = ?", true, ps -> {
                    ps.setString(1, district);
                    ps.setString(2, school);
                    ps.setString(3, subjectId);
                    ps.setObject(4, id);
                }).stream().findFirst();
    }

    private static int cursor(PreparedStatement ps, int i, PageRequest page) throws SQLException {
        if (page.hasCursor()) {
            ps.setTimestamp(i++, Timestamp.from(page.beforeAt()));
            ps.setObject(i++, page.beforeId());
        }
        return i;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<StoredScreening> query(String sql, boolean withAnswers, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<StoredScreening> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                boolean hasSubscales = hasColumn(rs, "subscales");
                while (rs.next()) {
                    rows.add(map(rs, withAnswers, hasSubscales));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read screenings (SQL state " + e.getSQLState() + ")", e);
        } catch (IOException e) {
            // No cause: a JSON parser's message may quote the stored answers.
            throw new IllegalStateException("Cannot read a stored screening (" + e.getClass().getSimpleName() + ")");
        }
    }

    private StoredScreening map(ResultSet rs, boolean withAnswers, boolean withSubscales) throws SQLException, IOException {
        return new StoredScreening(rs.getObject("id", UUID.class), rs.getString("school"), rs.getString("subject_id"),
                SubjectType.valueOf(rs.getString("subject_type")), rs.getString("instrument_code"),
                rs.getInt("instrument_version"), rs.getString("scoring_rules_version"),
                rs.getTimestamp("submitted_at").toInstant(), rs.getObject("campaign_id", UUID.class),
                withAnswers ? json.readValue(rs.getString("answers"), ANSWERS) : null, rs.getInt("total_score"),
                plain(rs.getBigDecimal("mean_score")), plain(rs.getBigDecimal("percentage_score")),
                Metric.valueOf(rs.getString("banded_on")), plain(rs.getBigDecimal("band_score")),
                withSubscales ? json.readValue(rs.getString("subscales"), SUBSCALES) : null, rs.getString("band"),
                RiskLevel.valueOf(rs.getString("risk_level")), json.readValue(rs.getString("flags"), FLAGS),
                rs.getString("language"), rs.getString("consent_basis"),
                rs.getString("reviewed_decision") == null ? null : new StoredScreening.Review(
                        RiskLevel.valueOf(rs.getString("reviewed_risk_level")), rs.getString("reviewed_decision"),
                        rs.getString("reviewed_reason_code"), rs.getString("reviewed_by"),
                        rs.getTimestamp("reviewed_at").toInstant()));
    }

    /** 12.00 → 12, 2.90 → 2.9 (never 1E+1). */
    private static java.math.BigDecimal plain(java.math.BigDecimal d) {
        if (d == null) {
            return null;
        }
        java.math.BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static boolean hasColumn(ResultSet rs, String name) throws SQLException {
        var meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnName(i).equals(name)) {
                return true;
            }
        }
        return false;
    }
}
