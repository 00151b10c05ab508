package io.heartline.training.crisiscases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.EventTypes.Crisis;
import io.heartline.platform.events.IncomingEvent;
import io.heartline.platform.events.Topics;
import io.heartline.platform.messaging.EventHandler;

/**
 * Keeps {@code open_crisis_case} from crisis-service's case events: opened and reopened add the case, closed removes
 * it. Only ids: the directory needs to know that a person has an open case, never anything about it. Cases about an
 * anonymous subject (no {@code subjectId}) name nobody the directory could deactivate, so they are skipped.
 */
@ApplicationScoped
public class CrisisCaseHandler implements EventHandler {

    private final AgroalDataSource dataSource;

    CrisisCaseHandler(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String consumerName() {
        return "crisis-cases";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CRISIS);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(Crisis.OPENED, Crisis.REOPENED, Crisis.CLOSED);
    }

    @Override
    public void handle(IncomingEvent event) throws SQLException {
        var subject = event.data().get("subjectId");
        if (subject == null || subject.isNull() || event.district() == null) {
            return;
        }
        UUID caseId = UUID.fromString(event.data().get("caseId").asText());
        try (Connection c = dataSource.getConnection()) {
            String sql = event.type().equals(Crisis.CLOSED)
                    ? "DELETE FROM open_crisis_case WHERE district = ? AND case_id = ?"
                    : "INSERT INTO open_crisis_case (district, case_id, person_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, event.district());
                ps.setObject(2, caseId);
                if (!event.type().equals(Crisis.CLOSED)) {
                    ps.setString(3, subject.asText());
                }
                ps.executeUpdate();
            }
        }
    }
}
