package io.heartline.screening.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heartline.screening.scoring.VectorRunner;
import io.heartline.screening.support.Definitions;

/** A definition that is wrong in form or meaning is refused with a message that says what is wrong. */
class DefinitionChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DefinitionLoader loader = Definitions.loader();

    private static ObjectNode phq9() {
        try (InputStream in = DefinitionChecksTest.class.getClassLoader()
                .getResourceAsStream("instruments/phq-9.v1.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String refused(Consumer<ObjectNode> breakIt) {
        ObjectNode d = phq9();
        breakIt.accept(d);
        return assertThrows(InvalidDefinitionException.class, () -> loader.load("broken.json", d)).getMessage();
    }

    private static ObjectNode band(ObjectNode d, int i) {
        return (ObjectNode) d.withArray("bands").get(i);
    }

    @Test
    void theUnbrokenDefinitionLoads() {
        assertEquals("PHQ-9", loader.load("phq-9.json", phq9()).code());
    }

    @Test
    void schemaViolationsAreRefused() {
        assertTrue(refused(d -> d.remove("bands")).contains("bands"));
        assertTrue(refused(d -> d.put("colour", "blue")).contains("colour"));
        assertTrue(refused(d -> d.put("code", "phq 9")).contains("code"));
        assertTrue(refused(d -> band(d, 0).put("riskLevel", "SEVERE")).contains("riskLevel"));
        assertTrue(refused(d -> d.with("scoring").put("bandedOn", "PERCENTAGE")).contains("percentageMultiplier"));
    }

    @Test
    void aGapBetweenBandsIsRefused() {
        String m = refused(d -> band(d, 1).put("min", 6));
        assertTrue(m.contains("score 5 falls in no band"), m);
    }

    @Test
    void overlappingBandsAreRefused() {
        String m = refused(d -> band(d, 0).put("max", 5));
        assertTrue(m.contains("score 5 falls in several bands"), m);
    }

    @Test
    void bandsMustCoverTheWholeRange() {
        String m = refused(d -> band(d, 4).put("max", 26));
        assertTrue(m.contains("score 27 falls in no band"), m);
    }

    @Test
    void brokenReferencesAreRefused() {
        assertTrue(refused(d -> ((ObjectNode) d.withArray("items").get(0)).put("options", "nope"))
                .contains("unknown option set"));
        assertTrue(refused(d -> ((ObjectNode) d.withArray("rules").get(0)).put("item", 42)).contains("unknown item 42"));
        assertTrue(refused(d -> ((ObjectNode) d.withArray("items").get(2)).put("number", 7)).contains("numbered"));
        assertTrue(refused(d -> ((ObjectNode) d.withArray("items").get(9)).put("scored", true))
                .contains("conditional items must have"));
    }

    @Test
    void aVectorThatDoesNotHoldIsReported() {
        ObjectNode d = phq9();
        ((ObjectNode) ((ArrayNode) d.get("testVectors")).get(0).get("expect")).put("riskLevel", "HIGH");
        Instrument i = loader.load("phq-9.json", d);
        var outcomes = VectorRunner.run(i);
        assertFalse(outcomes.get(0).passed());
        assertTrue(outcomes.get(0).failure().contains("riskLevel NONE, expected HIGH"), outcomes.get(0).failure());
        assertTrue(outcomes.stream().skip(1).allMatch(VectorRunner.Outcome::passed));
    }

    @Test
    void theSameCodeAndVersionTwiceIsRefused() {
        var e = assertThrows(InvalidDefinitionException.class,
                () -> loader.loadAll(java.util.List.of("instruments", "instruments")));
        assertTrue(e.getMessage().contains("is also defined in"));
    }

    @Test
    void rulesVersionChangesWithScoringButNotWithTexts() {
        String original = loader.load("a", phq9()).scoringRulesVersion();
        ObjectNode retexted = phq9();
        ((ObjectNode) retexted.withArray("items").get(0)).put("text", "Reworded");
        band(retexted, 0).put("label", "Relabelled");
        assertEquals(original, loader.load("b", retexted).scoringRulesVersion());
        ObjectNode rescored = phq9();
        ((ObjectNode) rescored.withArray("rules").get(0)).put("value", 2);
        rescored.set("testVectors", JSON.createArrayNode().add(rescored.get("testVectors").get(0)));
        assertFalse(original.equals(loader.load("c", rescored).scoringRulesVersion()));
    }
}
