package io.heartline.screening.submission;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.heartline.screening.scoring.Score;

/**
 * The intake's writes, in plain JDBC on the request's transaction because this is the hot path: one INSERT stores the
 * result and links it to the open campaign that covers the subject (a sub-select), and returns that campaign.
 */
@ApplicationScoped
public class ScreeningStore {

    private static final String INSERT = """
            INSERT INTO screening (id, school, district, subject_id, subject_type, instrument_code, instrument_version,
                scoring_rules_version, submitted_at, submitted_by, submitted_by_role, campaign_id, answers,
                total_score, mean_score, percentage_score, banded_on, band_score, subscales, band, risk_level, flags,
                consent_basis, consent_id, language)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?)""";

    /**
     * The open campaigns of the school for the instrument whose cohort holds the subject, the one opened last first:
     * listed subjects, all staff (any STAFF subject), or a class, grade or the school's students from the directory.
     */
    private static final String CANDIDATES = """
            SELECT c.id FROM campaign c
             WHERE c.school = ? AND c.district IS NOT DISTINCT FROM ? AND c.instrument_code = ?
               AND c.opens_at <= ? AND c.closes_at > ?
               AND ((c.cohort = 'ALL_STAFF' AND ? = 'STAFF')
                    OR (c.cohort = 'SUBJECTS'
                        AND EXISTS (SELECT 1 FROM campaign_subject cs WHERE cs.campaign_id = c.id AND cs.subject_id = ?))
                    OR (c.cohort IN ('CLASS', 'GRADE', 'SCHOOL_STUDENTS') AND ? = 'STUDENT'
                        AND EXISTS (SELECT 1 FROM directory_student ds
                                     WHERE ds.district = c.district AND ds.student_id = ? AND ds.active
                                       AND ds.school = c.school
                                       AND (c.cohort = 'SCHOOL_STUDENTS'
                                            OR (c.cohort = 'CLASS' AND ds.class_id = c.cohort_ref)
                                            OR (c.cohort = 'GRADE' AND ds.grade = c.cohort_ref)))))
             ORDER BY c.opens_at DESC, c.id DESC""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    ScreeningStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Stores the result, linked to {@code campaignId} (may be null). */
    public void insert(NewScreening s, UUID campaignId, String consentBasis, UUID consentId) {
        Score score = s.score();
        Timestamp at = Timestamp.from(s.submittedAt());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            int i = 1;
            ps.setObject(i++, s.id());
            ps.setString(i++, s.school());
            ps.setString(i++, s.submitter().district());
            ps.setString(i++, s.subject().id());
            ps.setString(i++, s.subject().type().name());
            ps.setString(i++, s.instrument().code());
            ps.setInt(i++, s.instrument().version());
            ps.setString(i++, s.instrument().scoringRulesVersion());
            ps.setTimestamp(i++, at);
            ps.setString(i++, s.submitter().id());
            ps.setString(i++, s.submitter().primaryRole());
            ps.setObject(i++, campaignId);
            ps.setString(i++, json.writeValueAsString(s.answers()));
            ps.setInt(i++, score.total());
            ps.setBigDecimal(i++, score.mean());
            ps.setBigDecimal(i++, score.percentage());
            ps.setString(i++, score.bandedOn().name());
            ps.setBigDecimal(i++, score.bandScore());
            ps.setString(i++, json.writeValueAsString(score.subscales()));
            ps.setString(i++, score.band());
            ps.setString(i++, score.riskLevel().name());
            ps.setString(i++, json.writeValueAsString(score.flags()));
            ps.setString(i++, consentBasis);
            ps.setObject(i++, consentId);
            ps.setString(i, s.language());
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            // The message names the statement only: never the values (answers).
            throw new IllegalStateException("Cannot store screening " + s.id() + " (" + e.getClass().getSimpleName()
                    + ", SQL state " + (e instanceof SQLException q ? q.getSQLState() : "-") + ")");
        }
    }

    /** The campaigns a screening could be linked to, the one opened last first. */
    public List<UUID> candidateCampaigns(NewScreening s) {
        Timestamp at = Timestamp.from(s.submittedAt());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CANDIDATES)) {
            int i = 1;
            ps.setString(i++, s.school());
            ps.setString(i++, s.submitter().district());
            ps.setString(i++, s.instrument().code());
            ps.setTimestamp(i++, at);
            ps.setTimestamp(i++, at);
            ps.setString(i++, s.subject().type().name());
            ps.setString(i++, s.subject().id());
            ps.setString(i++, s.subject().type().name());
            ps.setString(i, s.subject().id());
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot look up campaigns (SQL state " + e.getSQLState() + ")");
        }
    }
}
