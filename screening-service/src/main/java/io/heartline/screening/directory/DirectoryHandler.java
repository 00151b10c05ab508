package io.heartline.screening.directory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.heartline.platform.events.EventTypes.Training;
import io.heartline.platform.events.IncomingEvent;
import io.heartline.platform.events.MalformedEventException;
import io.heartline.platform.events.Topics;
import io.heartline.platform.messaging.EventHandler;

/**
 * Keeps this service's projection of the directory (training-service, {@code heartline.training}): students with
 * school, class, grade, {@code guardianConsentRequiredUntil} and whether active; staff per school. Events of one
 * person arrive in order (keyed by person id); the platform inbox makes each event act once, and every write here is
 * an idempotent upsert, so a replay of the topic rebuilds the same tables.
 */
@ApplicationScoped
public class DirectoryHandler implements EventHandler {

    public static final String CONSUMER = "screening-directory";

    private final DirectoryStore store;
    private final Clock clock;

    DirectoryHandler(DirectoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
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
        return Set.of(Training.PERSON_ACTIVATED, Training.PERSON_ROLES_CHANGED, Training.PERSON_DEACTIVATED,
                Training.STUDENT_ENROLLED, Training.STUDENT_MOVED, Training.STUDENT_LEFT);
    }

    @Override
    public void handle(IncomingEvent event) {
        JsonNode d = event.data();
        String district = required(d, "district");
        var now = clock.instant();
        switch (event.type()) {
            case Training.PERSON_ACTIVATED -> {
                String personId = required(d, "personId");
                switch (required(d, "personType")) {
                    case "STUDENT" -> store.upsertStudent(district, personId, text(d, "school"), text(d, "classId"),
                            text(d, "grade"), date(d), true, now);
                    case "STAFF" -> store.replaceStaffSchools(district, personId, staffSchools(d), now);
                    default -> {
                        // guardians are not screened
                    }
                }
            }
            case Training.PERSON_ROLES_CHANGED -> {
                if ("STAFF".equals(required(d, "personType"))) {
                    store.replaceStaffSchools(district, required(d, "personId"), staffSchools(d), now);
                }
            }
            case Training.PERSON_DEACTIVATED -> {
                String personId = required(d, "personId");
                switch (required(d, "personType")) {
                    case "STUDENT" -> store.deactivateStudent(district, personId, now);
                    case "STAFF" -> store.replaceStaffSchools(district, personId, Map.of(), now);
                    default -> {
                    }
                }
            }
            case Training.STUDENT_ENROLLED, Training.STUDENT_MOVED -> store.upsertStudent(district,
                    required(d, "studentId"), required(d, "school"), required(d, "classId"), text(d, "grade"),
                    date(d), true, now);
            case Training.STUDENT_LEFT -> store.deactivateStudent(district, required(d, "studentId"), now);
            default -> {
            }
        }
    }

    /** school → role codes: the event's {@code school} and every role's {@code schoolId}. */
    private static Map<String, Set<String>> staffSchools(JsonNode d) {
        Map<String, Set<String>> schools = new LinkedHashMap<>();
        String school = text(d, "school");
        if (school != null) {
            schools.put(school, new TreeSet<>());
        }
        for (JsonNode role : d.path("roles")) {
            String schoolId = text(role, "schoolId");
            if (schoolId != null) {
                schools.computeIfAbsent(schoolId, k -> new TreeSet<>()).add(role.path("role").asText());
            }
        }
        return schools;
    }

    private static String required(JsonNode d, String field) {
        String v = text(d, field);
        if (v == null) {
            throw new MalformedEventException("data." + field + " is missing");
        }
        return v;
    }

    private static String text(JsonNode d, String field) {
        JsonNode n = d.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static LocalDate date(JsonNode d) {
        String v = text(d, "guardianConsentRequiredUntil");
        try {
            return v == null ? null : LocalDate.parse(v);
        } catch (java.time.DateTimeException e) {
            throw new MalformedEventException("guardianConsentRequiredUntil is not a date");
        }
    }
}
