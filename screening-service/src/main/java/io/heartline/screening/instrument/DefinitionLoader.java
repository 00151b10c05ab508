package io.heartline.screening.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Reads instrument definitions from classpath folders: each folder has an {@code index.json} naming its files; every
 * file is validated against {@code instrument-definition.schema.json}, parsed and {@link Instrument#compile compiled}.
 * Plain Java, so that tests use it without Quarkus.
 */
public final class DefinitionLoader {

    /**
     * Version of how the engine reads a definition (rule semantics, rounding). Bump it whenever {@code ScoringEngine}
     * changes what a definition means, so that stored results keep saying which rules produced them.
     */
    public static final String SCORING_SEMANTICS_VERSION = "1";

    static final String SCHEMA_RESOURCE = "instruments/instrument-definition.schema.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private final ClassLoader classLoader;
    private final JsonSchema schema;

    public DefinitionLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        try (InputStream in = open(SCHEMA_RESOURCE)) {
            this.schema = factory.getSchema(in, SchemaValidatorsConfig.builder().build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every definition of the given folders; duplicates (same code and version) are refused. */
    public List<Instrument> loadAll(List<String> folders) {
        List<Instrument> all = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (String folder : folders) {
            for (String file : index(folder)) {
                String resource = folder + "/" + file;
                Instrument instrument = load(resource);
                String previous = seen.put(instrument.toString(), resource);
                if (previous != null) {
                    throw new InvalidDefinitionException(resource, List.of(instrument + " is also defined in " + previous));
                }
                all.add(instrument);
            }
        }
        return all;
    }

    /**
     * The translations listed in the folders' index.json ({@code translations}), each checked against its definition:
     * an incomplete or orphan translation stops the service like a broken definition.
     */
    public List<Translation> loadTranslations(List<String> folders, List<Instrument> instruments) {
        List<Translation> all = new ArrayList<>();
        for (String folder : folders) {
            JsonNode index = read(folder + "/index.json");
            for (JsonNode n : index.path("translations")) {
                String resource = folder + "/" + n.asText();
                Translation t;
                try {
                    t = JSON.treeToValue(read(resource), Translation.class);
                } catch (IOException e) {
                    throw new InvalidDefinitionException(resource, List.of(e.getMessage()));
                }
                Instrument target = instruments.stream()
                        .filter(i -> i.code().equals(t.code()) && i.version() == t.version()).findFirst()
                        .orElseThrow(() -> new InvalidDefinitionException(resource,
                                List.of("no definition " + t.code() + " v" + t.version())));
                List<String> problems = t.problems(target.definition());
                if (!problems.isEmpty()) {
                    throw new InvalidDefinitionException(resource, problems);
                }
                all.add(t);
            }
        }
        return all;
    }

    /** The file names listed in a folder's index.json. */
    public List<String> index(String folder) {
        JsonNode index = read(folder + "/index.json");
        List<String> files = new ArrayList<>();
        index.path("definitions").forEach(n -> files.add(n.asText()));
        return files;
    }

    public Instrument load(String resource) {
        return load(resource, read(resource));
    }

    /** Checks and compiles a definition already read as JSON; {@code name} only labels the problems. */
    public Instrument load(String resource, JsonNode node) {
        List<String> problems = schema.validate(node).stream().map(ValidationMessage::getMessage).toList();
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(resource, problems);
        }
        InstrumentDefinition definition;
        try {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            copy.remove("$schema");
            definition = JSON.treeToValue(copy, InstrumentDefinition.class);
        } catch (IOException e) {
            throw new InvalidDefinitionException(resource, List.of(e.getMessage()));
        }
        try {
            return Instrument.compile(definition, SCORING_SEMANTICS_VERSION + ":" + scoringDigest(node));
        } catch (InvalidDefinitionException e) {
            throw new InvalidDefinitionException(resource, e.problems());
        }
    }

    /**
     * A digest of everything that decides a score (option values, reverse/scored/conditions, scoring, subscales, bands,
     * rules) and nothing else, so that fixing a typo in a text does not look like new rules.
     */
    static String scoringDigest(JsonNode definition) {
        ObjectNode parts = JSON.createObjectNode();
        var items = parts.putArray("items");
        for (JsonNode item : definition.path("items")) {
            ObjectNode i = items.addObject();
            i.put("number", item.path("number").asInt());
            var values = i.putArray("values");
            definition.path("optionSets").path(item.path("options").asText()).forEach(o -> values.add(o.path("value")));
            i.put("reverse", item.path("reverse").asBoolean(false));
            i.put("scored", item.path("scored").asBoolean(true));
            if (item.has("askedWhen")) {
                i.set("askedWhen", item.get("askedWhen"));
            }
        }
        for (String part : List.of("scoring", "subscales", "bands", "rules")) {
            if (!definition.has(part)) {
                continue;
            }
            JsonNode copy = definition.get(part).deepCopy();
            copy.forEach(n -> {
                if (n instanceof ObjectNode o) {
                    o.remove(List.of("label", "why"));
                }
            });
            parts.set(part, copy);
        }
        try {
            byte[] canonical = JSON.writeValueAsBytes(JSON.treeToValue(parts, Object.class));
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(canonical);
            return HexFormat.of().formatHex(sha, 0, 6);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String resource) {
        try (InputStream in = open(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new InvalidDefinitionException(resource, List.of("not readable JSON: " + e.getMessage()));
        }
    }

    private InputStream open(String resource) {
        InputStream in = classLoader.getResourceAsStream(resource);
        if (in == null) {
            throw new InvalidDefinitionException(resource, List.of("not found on the classpath"));
        }
        return in;
    }
}
