package io.heartline.screening.submission;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.heartline.screening.instrument.SubjectType;
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
                total_score, mean_score, percentage_score, banded_on, band_score, subscales, band, risk_level, flags)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                (SELECT c.id FROM campaign c
                  WHERE c.school = ? AND c.instrument_code = ? AND c.opens_at <= ? AND c.closes_at > ?
                    AND ((c.all_staff AND ? = 'STAFF')
                         OR EXISTS (SELECT 1 FROM campaign_subject cs WHERE cs.campaign_id = c.id AND cs.subject_id = ?))
                  ORDER BY c.opens_at DESC, c.id DESC LIMIT 1),
                ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb)
            RETURNING campaign_id""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    ScreeningStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** @return the campaign the screening was linked to, or null */
    public UUID insert(NewScreening s) {
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
            ps.setString(i++, s.school());
            ps.setString(i++, s.instrument().code());
            ps.setTimestamp(i++, at);
            ps.setTimestamp(i++, at);
            ps.setString(i++, s.subject().type().name());
            ps.setString(i++, s.subject().id());
            ps.setString(i++, json.writeValueAsString(s.answers()));
            ps.setInt(i++, score.total());
            ps.setBigDecimal(i++, score.mean());
            ps.setBigDecimal(i++, score.percentage());
            ps.setString(i++, score.bandedOn().name());
            ps.setBigDecimal(i++, score.bandScore());
            ps.setString(i++, json.writeValueAsString(score.subscales()));
            ps.setString(i++, score.band());
            ps.setString(i++, score.riskLevel().name());
            ps.setString(i, json.writeValueAsString(score.flags()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        } catch (SQLException | JsonProcessingException e) {
            // The message names the statement only: never the values (answers).
            throw new IllegalStateException("Cannot store screening " + s.id() + " (" + e.getClass().getSimpleName()
                    + ", SQL state " + (e instanceof SQLException q ? q.getSQLState() : "-") + ")");
        }
    }

    /** Remembers a staff member of a school, for "all staff" campaigns (see V1 migration, known_staff). */
    public void rememberStaff(String school, String subjectId, SubjectType type) {
        if (type != SubjectType.STAFF) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO known_staff (school, subject_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, school);
            ps.setString(2, subjectId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record known staff (SQL state " + e.getSQLState() + ")");
        }
    }
}
