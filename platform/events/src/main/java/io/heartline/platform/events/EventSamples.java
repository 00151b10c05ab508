package io.heartline.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A schema-valid sample payload per event type ({@code heartline/events/samples/<type>.json}), so that consumer tests
 * feed exactly what the contract allows.
 */
public final class EventSamples {
    private EventSamples() {
    }

    /** A fresh, mutable copy of the sample data of a type. */
    public static ObjectNode data(String type) {
        String resource = "heartline/events/samples/" + EventCatalogue.get().require(type).type() + ".json";
        try (InputStream in = EventSamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No sample for " + type);
            }
            return (ObjectNode) EventJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
