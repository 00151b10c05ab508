package io.heartline.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The catalogue of every Heartline event type (type → topic → schema → description), read from
 * {@code heartline/events/catalogue.json} so that the list is data, shared by producers, consumers and docs.
 */
public final class EventCatalogue {

    private static final String RESOURCE = "heartline/events/catalogue.json";
    private static final EventCatalogue INSTANCE = load();

    private final Map<String, EventType> byType;

    private EventCatalogue(List<EventType> types) {
        Map<String, EventType> map = new LinkedHashMap<>();
        for (EventType t : types) {
            if (map.put(t.type(), t) != null) {
                throw new IllegalStateException("Event type listed twice in the catalogue: " + t.type());
            }
        }
        this.byType = Map.copyOf(map);
    }

    public static EventCatalogue get() {
        return INSTANCE;
    }

    public List<EventType> all() {
        return byType.values().stream().sorted((a, b) -> a.type().compareTo(b.type())).toList();
    }

    public Optional<EventType> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public EventType require(String type) {
        return find(type).orElseThrow(() -> new IllegalArgumentException("Unknown event type: " + type));
    }

    private static EventCatalogue load() {
        try (InputStream in = EventCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            EventType[] types = new ObjectMapper().readValue(in, EventType[].class);
            return new EventCatalogue(Arrays.asList(types));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
