package io.heartline.screening.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The texts of one instrument version in another language (file {@code <folder>/translations/<code>.v<N>.<lang>.json},
 * listed in the folder's {@code index.json} under {@code translations}). Only texts and labels: option values, items'
 * numbers, conditions, bands and rules stay those of the definition, so scoring cannot depend on the language.
 *
 * @param source the published translation and its version (citation)
 * @param optionSets option set name → option value (as a string) → label
 * @param items item number (as a string) → text
 * @param bands band code → label
 * @param subscales subscale code → label (optional)
 */
public record Translation(String code, int version, String language, String title, String source,
        String instructions, Map<String, Map<String, String>> optionSets, Map<String, String> items,
        Map<String, String> bands, Map<String, String> subscales) {

    /** What is missing or unknown compared with the definition; empty when the translation is complete. */
    public List<String> problems(InstrumentDefinition d) {
        List<String> problems = new ArrayList<>();
        if (!d.code().equals(code) || d.version() != version) {
            problems.add("translation of " + code + " v" + version + " found for " + d.code() + " v" + d.version());
        }
        if (!Languages.SUPPORTED.contains(language)) {
            problems.add("language " + language + " is not one of " + Languages.SUPPORTED);
        }
        if (title == null || title.isBlank() || source == null || source.isBlank()) {
            problems.add("title and source (the published translation and its version) are required");
        }
        for (InstrumentDefinition.Item item : d.items()) {
            if (items == null || blank(items.get(String.valueOf(item.number())))) {
                problems.add("no text for item " + item.number());
            }
        }
        if (items != null && items.size() != d.items().size()) {
            problems.add("texts for items the definition does not have");
        }
        d.optionSets().forEach((set, options) -> options.forEach(o -> {
            if (optionSets == null || optionSets.get(set) == null
                    || blank(optionSets.get(set).get(String.valueOf(o.value())))) {
                problems.add("no label for option " + o.value() + " of set " + set);
            }
        }));
        d.bands().forEach(b -> {
            if (bands == null || blank(bands.get(b.code()))) {
                problems.add("no label for band " + b.code());
            }
        });
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
