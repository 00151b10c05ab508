package io.heartline.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class EventContractsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<EventType> types() {
        return EventCatalogue.get().all().stream();
    }

    private static ObjectNode validEvent(EventType type) throws Exception {
        OutgoingEvent event = EventBuilder.from(type.producer().replace("-service", ""))
                .type(type.type())
                .subject("student-0001")
                .district("district-1")
                .school("school-1")
                .traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .data(EventSamples.data(type.type()))
                .build();
        return (ObjectNode) JSON.readTree(event.payload());
    }

    @Test
    void catalogueListsTheScreeningAndReferralTypes() {
        List<String> names = types().map(EventType::type).toList();
        assertTrue(names.contains("heartline.screening.submitted.v1"));
        assertTrue(names.contains("heartline.screening.risk-flagged.v1"));
        for (String fact : List.of("created", "accepted", "declined", "escalated", "completed", "cancelled")) {
            assertTrue(names.contains("heartline.referral." + fact + ".v1"), fact);
        }
        types().forEach(t -> assertTrue(t.topic().matches("heartline\\.(screening|referral|crisis|training)"),
                t.type() + " has topic " + t.topic()));
    }

    @Test
    void eventTypeConstantsAndTheCatalogueNameTheSameTypes() throws Exception {
        java.util.Set<String> constants = new java.util.TreeSet<>();
        for (Class<?> group : EventTypes.class.getDeclaredClasses()) {
            for (java.lang.reflect.Field f : group.getDeclaredFields()) {
                if (f.getType() == String.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    constants.add((String) f.get(null));
                }
            }
        }
        java.util.Set<String> catalogued = new java.util.TreeSet<>(types().map(EventType::type).toList());
        assertEquals(catalogued, constants);
    }

    @ParameterizedTest
    @MethodSource("types")
    void everySchemaCompiles(EventType type) {
        assertNotNull(EventSchemas.get().schemaOf(type));
    }

    @ParameterizedTest
    @MethodSource("types")
    void builtEventWithSampleDataIsValidStructuredCloudEvent(EventType type) throws Exception {
        ObjectNode event = validEvent(type);
        assertEquals(List.of(), EventSchemas.get().validate(event));
        assertEquals("1.0", event.get("specversion").asText());
        assertEquals("application/json", event.get("datacontenttype").asText());
        assertEquals(type.schemaUri(), event.get("dataschema").asText());
        assertTrue(event.get("data").isObject(), "data is embedded JSON, not base64");
        assertEquals("school-1", event.get("school").asText());
    }

    @ParameterizedTest
    @MethodSource("types")
    void missingRequiredDataFieldFails(EventType type) throws Exception {
        ObjectNode event = validEvent(type);
        String firstRequired = ((ObjectNode) event.get("data")).fieldNames().next();
        ((ObjectNode) event.get("data")).remove(firstRequired);
        List<String> problems = EventSchemas.get().validate(event);
        assertFalse(problems.isEmpty());
        assertTrue(problems.stream().anyMatch(p -> p.contains(firstRequired)), problems.toString());
    }

    @ParameterizedTest
    @MethodSource("types")
    void wrongTypeFails(EventType type) throws Exception {
        ObjectNode event = validEvent(type);
        ((ObjectNode) event.get("data")).put("subjectId", 42);
        assertFalse(EventSchemas.get().validate(event).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("types")
    void forbiddenFieldsFail(EventType type) throws Exception {
        for (String forbidden : List.of("answers", "notes", "totalScore")) {
            ObjectNode event = validEvent(type);
            ((ObjectNode) event.get("data")).putArray(forbidden).add(3);
            List<String> problems = EventSchemas.get().validate(event);
            assertTrue(problems.stream().anyMatch(p -> p.contains(forbidden)), forbidden + " -> " + problems);
        }
    }

    @Test
    void missingEnvelopeFieldAndUnknownTypeFail() throws Exception {
        ObjectNode event = validEvent(EventCatalogue.get().require("heartline.screening.submitted.v1"));
        event.remove("subject");
        assertFalse(EventSchemas.get().validate(event).isEmpty());
        event.put("type", "heartline.screening.invented.v1");
        assertTrue(EventSchemas.get().validate(event).get(0).contains("not in the event catalogue"));
    }

    @Test
    void riskFlaggedRefusesLevelsBelowModerate() throws Exception {
        ObjectNode event = validEvent(EventCatalogue.get().require("heartline.screening.risk-flagged.v1"));
        ((ObjectNode) event.get("data")).put("riskLevel", "LOW");
        assertFalse(EventSchemas.get().validate(event).isEmpty());
    }

    @Test
    void incomingEventRoundTrip() throws Exception {
        OutgoingEvent out = EventBuilder.from("screening").type("heartline.screening.risk-flagged.v1")
                .subject("student-0001").school("school-1").district("district-1")
                .data(EventSamples.data("heartline.screening.risk-flagged.v1")).build();
        IncomingEvent in = IncomingEvent.parse(out.payload());
        assertEquals(out.id(), in.id());
        assertEquals("heartline.screening.risk-flagged.v1", in.type());
        assertEquals("student-0001", in.subject());
        assertEquals("school-1", in.school());
        JsonNode flags = in.data().get("flags");
        assertEquals("SELF_HARM_IDEATION", flags.get(0).asText());
        assertEquals("heartline.screening", out.topic());
        assertEquals("student-0001", out.key());
    }

    @Test
    void garbageIsMalformed() {
        assertThrows(MalformedEventException.class, () -> IncomingEvent.parse("{not json".getBytes()));
        assertThrows(MalformedEventException.class, () -> IncomingEvent.parse("{\"id\":\"x\"}".getBytes()));
    }

    @Test
    void uncataloguedTypeCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> EventBuilder.from("screening").type("heartline.nope.v1"));
    }
}
