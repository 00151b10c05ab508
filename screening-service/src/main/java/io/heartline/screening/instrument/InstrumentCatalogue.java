package io.heartline.screening.instrument;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/**
 * Every instrument definition, loaded and checked once at startup and kept in memory: the intake path never reads a
 * definition from disk or database. A broken definition stops the service from starting.
 */
@Startup
@ApplicationScoped
public class InstrumentCatalogue {

    private static final Logger LOG = Logger.getLogger(InstrumentCatalogue.class);

    /** code → version → instrument */
    private final Map<String, TreeMap<Integer, Instrument>> byCode;

    /** "CODE vN" → language → translation */
    private final Map<String, Map<String, Translation>> translations;

    InstrumentCatalogue(@ConfigProperty(name = "heartline.screening.instrument-locations") List<String> locations) {
        DefinitionLoader loader = new DefinitionLoader(Thread.currentThread().getContextClassLoader());
        List<Instrument> all = loader.loadAll(locations);
        this.translations = loader.loadTranslations(locations, all).stream().collect(Collectors.groupingBy(
                t -> t.code() + " v" + t.version(), Collectors.toMap(Translation::language, t -> t)));
        this.byCode = all.stream().collect(Collectors.groupingBy(Instrument::code, TreeMap::new,
                Collectors.toMap(Instrument::version, i -> i, (a, b) -> a, TreeMap::new)));
        LOG.infof("Instrument catalogue: %s", all);
    }

    /** The current (highest) version of every instrument, by code. */
    public List<Instrument> current() {
        return byCode.values().stream().map(v -> v.lastEntry().getValue())
                .sorted(Comparator.comparing(Instrument::code)).toList();
    }

    /** Every version of every instrument. */
    public List<Instrument> all() {
        return byCode.values().stream().flatMap(v -> v.values().stream()).toList();
    }

    public Optional<Instrument> current(String code) {
        TreeMap<Integer, Instrument> versions = byCode.get(code);
        return versions == null ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    /** @param version null for the current version */
    public Optional<Instrument> find(String code, Integer version) {
        if (version == null) {
            return current(code);
        }
        TreeMap<Integer, Instrument> versions = byCode.get(code);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    /** The languages a form of this instrument version can be shown in: its own and its translations'. */
    public java.util.Set<String> languages(Instrument i) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        out.add(i.definition().language());
        out.addAll(translations.getOrDefault(i.code() + " v" + i.version(), Map.of()).keySet());
        return out;
    }

    /** The translation into a language, or empty when the language is the definition's own (or absent). */
    public Optional<Translation> translation(Instrument i, String language) {
        if (i.definition().language().equals(language)) {
            return Optional.empty();
        }
        return Optional.ofNullable(translations.getOrDefault(i.code() + " v" + i.version(), Map.of()).get(language));
    }

    public boolean hasObserverInstrument() {
        return current().stream().anyMatch(i -> i.definition().audience() == Audience.OBSERVER);
    }
}
