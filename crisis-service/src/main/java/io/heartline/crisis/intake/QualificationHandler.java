package io.heartline.crisis.intake;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.heartline.crisis.Db;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.IncomingEvent;
import io.heartline.platform.events.Topics;
import io.heartline.platform.messaging.EventHandler;

/**
 * The local projection of certificates from {@code heartline.training} (rebuilt by replaying the topic): the lead
 * check reads it, never training-service. A revoked certificate is dropped (both events are keyed by the person, so
 * a replay meets them in order).
 */
@ApplicationScoped
public class QualificationHandler implements EventHandler {

    public static final String CONSUMER = "qualifications";

    record Revoked(UUID certificateId) {
    }

    record Certified(UUID certificateId, String personId, String kind, String level, Instant issuedAt,
            Instant expiresAt, String district) {
    }

    private final Db db;

    QualificationHandler(Db db) {
        this.db = db;
    }

    @Override
    public String consumerName() {
        return CONSUMER;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.TRAINING);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.Training.CERTIFIED, EventTypes.Training.CERTIFICATE_REVOKED);
    }

    @Override
    public void handle(IncomingEvent event) {
        if (EventTypes.Training.CERTIFICATE_REVOKED.equals(event.type())) {
            db.update("DELETE FROM qualification WHERE certificate_id = ?", event.dataAs(Revoked.class).certificateId());
            return;
        }
        Certified c = event.dataAs(Certified.class);
        db.update("""
                INSERT INTO qualification (certificate_id, person_id, kind, level, issued_at, expires_at, district)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (certificate_id) DO UPDATE SET person_id = EXCLUDED.person_id, kind = EXCLUDED.kind,
                    level = EXCLUDED.level, issued_at = EXCLUDED.issued_at, expires_at = EXCLUDED.expires_at,
                    district = EXCLUDED.district""",
                c.certificateId(), c.personId(), c.kind(), c.level(), c.issuedAt(), c.expiresAt(), c.district());
    }
}
