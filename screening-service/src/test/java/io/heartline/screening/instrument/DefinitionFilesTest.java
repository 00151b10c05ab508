package io.heartline.screening.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.heartline.screening.support.Definitions;

/** The shipped definition files: all loaded, the instruments present, released scoring rules frozen. */
class DefinitionFilesTest {

    @Test
    void everyDefinitionFileIsListedInItsIndex() throws IOException {
        for (String folder : List.of("src/main/resources/instruments", "src/test/resources/test-instruments")) {
            TreeSet<String> files;
            try (Stream<Path> s = Files.list(Path.of(folder))) {
                files = s.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*\\.v[0-9]+\\.json"))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            String name = folder.substring(folder.lastIndexOf('/') + 1);
            assertEquals(files, new TreeSet<>(Definitions.loader().index(name)), folder);
        }
    }

    @Test
    void theBuiltInInstrumentsAreShipped() {
        TreeSet<String> codes = Definitions.loader().loadAll(Definitions.SHIPPED).stream().map(Instrument::code)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(codes.containsAll(List.of("PHQ-9", "PHQ-A", "GAD-7", "WHO-5", "K10", "STAFF-MONTHLY", "SCL-90")),
                codes.toString());
    }

    @Test
    void licensedDefinitionsShipNoItemTexts() {
        for (Instrument i : Definitions.loader().loadAll(Definitions.SHIPPED)) {
            if (i.isLicensed()) {
                assertEquals(Boolean.FALSE, i.definition().licence().itemTextsIncluded(), i.toString());
                assertTrue(i.items().values().stream().allMatch(item -> item.text().startsWith("Item ")), i.toString());
            }
        }
    }

    /**
     * Stored results name the scoring rules that produced them, so a released definition's scoring must never change
     * under the same version: add a new {@code .vN+1.json} file instead. (New definitions: add their line to
     * {@code released-scoring-rules.properties}.)
     */
    @Test
    void releasedScoringRulesAreFrozen() throws IOException {
        Properties released = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("released-scoring-rules.properties")) {
            released.load(in);
        }
        TreeMap<String, String> actual = new TreeMap<>();
        Definitions.loader().loadAll(Definitions.SHIPPED).forEach(i -> actual.put(i.toString().replace(' ', '@'),
                i.scoringRulesVersion()));
        TreeMap<String, String> expected = new TreeMap<>();
        released.forEach((k, v) -> expected.put((String) k, (String) v));
        assertEquals(expected, actual);
    }
}
