package io.heartline.crisis.support;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.EventSamples;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.testsupport.EventPublisher;

/** Plays screening-, referral- and training-service: schema-valid events from the samples, duplicates included. */
public final class Feeds {

    private Feeds() {
    }

    public static OutgoingEvent riskFlagged(String subjectId, String school, String district, String riskLevel,
            UUID screeningId) {
        ObjectNode data = EventSamples.data(EventTypes.Screening.RISK_FLAGGED);
        data.put("subjectId", subjectId).put("riskLevel", riskLevel).put("screeningId", screeningId.toString());
        return EventBuilder.from("screening").type(EventTypes.Screening.RISK_FLAGGED).subject(subjectId)
                .school(school).district(district).data(data).build();
    }

    public static OutgoingEvent referralCreated(String subjectId, String school, String district, String urgency,
            UUID referralId) {
        ObjectNode data = EventSamples.data(EventTypes.Referral.CREATED);
        data.put("subjectId", subjectId).put("urgency", urgency).put("referralId", referralId.toString());
        return EventBuilder.from("referral").type(EventTypes.Referral.CREATED).subject(subjectId).school(school)
                .district(district).data(data).build();
    }

    public static OutgoingEvent certified(String personId, String district, String kind, Instant issuedAt,
            Instant expiresAt) {
        ObjectNode data = EventSamples.data(EventTypes.Training.CERTIFIED);
        data.put("certificateId", UUID.randomUUID().toString()).put("personId", personId).put("kind", kind)
                .put("issuedAt", issuedAt.toString()).put("district", district);
        if (expiresAt == null) {
            data.putNull("expiresAt");
        } else {
            data.put("expiresAt", expiresAt.toString());
        }
        return EventBuilder.from("training").type(EventTypes.Training.CERTIFIED).subject(personId)
                .district(district).data(data).build();
    }

    /** The directory's person-activated (or roles-changed) event with one role at one school. */
    public static OutgoingEvent person(String type, String personId, String district, String school, String role) {
        ObjectNode data = EventSamples.data(type);
        data.put("personId", personId).put("district", district).put("school", school);
        if (!EventTypes.Training.PERSON_DEACTIVATED.equals(type)) {
            data.putArray("roles");
        }
        if (role != null) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) data.get("roles")).addObject().put("role", role).put("schoolId", school).put("fullTime", true).putArray("classIds");
        }
        return EventBuilder.from("training").type(type).subject(personId).school(school).district(district)
                .data(data).build();
    }

    /** Publishes an event after checking it against its schema (consumer tests feed only what the contract allows). */
    public static void send(OutgoingEvent e) {
        EventPublisher.publish(e);
    }
}
