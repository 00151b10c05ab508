package io.heartline.screening.support;

import java.util.List;

import io.heartline.screening.instrument.DefinitionLoader;
import io.heartline.screening.instrument.Instrument;

/** Every definition the service ships, plus the test-only ones, loaded without Quarkus. */
public final class Definitions {

    public static final List<String> SHIPPED = List.of("instruments");
    public static final List<String> WITH_TEST_ONES = List.of("instruments", "test-instruments");

    private static List<Instrument> all;

    private Definitions() {
    }

    public static synchronized List<Instrument> all() {
        if (all == null) {
            all = loader().loadAll(WITH_TEST_ONES);
        }
        return all;
    }

    public static Instrument get(String code) {
        return all().stream().filter(i -> i.code().equals(code)).reduce((a, b) -> b.version() > a.version() ? b : a)
                .orElseThrow(() -> new IllegalArgumentException("no definition " + code));
    }

    public static DefinitionLoader loader() {
        return new DefinitionLoader(Definitions.class.getClassLoader());
    }
}
