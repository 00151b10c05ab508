package io.heartline.crisis.intake;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.heartline.crisis.Db;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.IncomingEvent;
import io.heartline.platform.events.MalformedEventException;
import io.heartline.platform.events.Topics;
import io.heartline.platform.messaging.EventHandler;

/**
 * The directory facts crisis-service needs (CONVENTIONS "Who consumes what"): each person's active flag and school
 * roles, from {@code person-activated}, {@code person-roles-changed} and {@code person-deactivated}. Each event carries
 * the whole current role set, so it replaces what was known; the projection is rebuilt by replaying the topic.
 */
@ApplicationScoped
public class DirectoryHandler implements EventHandler {

    public static final String CONSUMER = "directory";

    private final Db db;

    DirectoryHandler(Db db) {
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
        return Set.of(EventTypes.Training.PERSON_ACTIVATED, EventTypes.Training.PERSON_ROLES_CHANGED,
                EventTypes.Training.PERSON_DEACTIVATED);
    }

    @Override
    public void handle(IncomingEvent event) {
        JsonNode d = event.data();
        String person = d.path("personId").asText(null);
        String district = d.path("district").asText(null);
        if (person == null || district == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " without personId or district");
        }
        boolean active = !EventTypes.Training.PERSON_DEACTIVATED.equals(event.type());
        db.update("""
                INSERT INTO directory_person (district, person_id, active) VALUES (?, ?, ?)
                ON CONFLICT (district, person_id) DO UPDATE SET active = EXCLUDED.active""", district, person, active);
        db.update("DELETE FROM directory_role WHERE district = ? AND person_id = ?", district, person);
        if (active && d.has("roles")) {
            for (JsonNode r : d.get("roles")) {
                db.update("""
                        INSERT INTO directory_role (district, person_id, school_id, role) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""", district, person, r.path("schoolId").asText(), r.path("role").asText());
            }
        }
    }
}
