package io.heartline.screening.instrument;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;

/**
 * Which language a form is shown in: {@code ?lang=} (or a submission's {@code language}) first, then the
 * {@code Accept-Language} header, then {@code zh-CN}; each only when the instrument has that language. Tags are read
 * loosely: {@code zh}, {@code zh-Hans}, {@code zh_CN}, {@code zh-CN} mean {@code zh-CN}; {@code en-*} means {@code en}.
 */
public final class Languages {

    public static final String ZH_CN = "zh-CN";
    public static final String EN = "en";
    public static final Set<String> SUPPORTED = Set.of(ZH_CN, EN);
    public static final String DEFAULT = ZH_CN;

    private Languages() {
    }

    /** A supported tag for a loosely written one, or empty. */
    public static Optional<String> normalise(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String t = tag.trim().replace('_', '-').toLowerCase(Locale.ROOT);
        if (t.equals("zh") || t.startsWith("zh-cn") || t.startsWith("zh-hans") || t.equals("zh-sg")) {
            return Optional.of(ZH_CN);
        }
        if (t.equals("en") || t.startsWith("en-")) {
            return Optional.of(EN);
        }
        return Optional.empty();
    }

    /**
     * @param explicit {@code ?lang=} or the body's {@code language} (400 naming {@code field} when the instrument does
     *        not have it)
     * @param available the languages the instrument has (its own and its translations)
     * @param fallback the definition's own language, used when it lacks the default
     */
    public static String choose(String explicit, String field, String acceptLanguage, Set<String> available,
            String fallback) {
        if (explicit != null && !explicit.isBlank()) {
            return normalise(explicit).filter(available::contains).orElseThrow(() -> ProblemException.badRequest(
                    "Language not available", List.of(new Problem.FieldError(field,
                            "one of " + available.stream().sorted().toList()))));
        }
        for (String tag : acceptLanguageTags(acceptLanguage)) {
            Optional<String> l = normalise(tag).filter(available::contains);
            if (l.isPresent()) {
                return l.get();
            }
        }
        return available.contains(DEFAULT) ? DEFAULT : fallback;
    }

    /** The tags of an Accept-Language header by descending quality (q=0 dropped); malformed parts are skipped. */
    static List<String> acceptLanguageTags(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        record Tag(String tag, double q, int order) {
        }
        List<Tag> tags = new ArrayList<>();
        String[] parts = header.split(",");
        for (int i = 0; i < parts.length; i++) {
            String[] p = parts[i].trim().split(";");
            double q = 1.0;
            for (int j = 1; j < p.length; j++) {
                String param = p[j].trim();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q > 0 && !p[0].isBlank()) {
                tags.add(new Tag(p[0].trim(), q, i));
            }
        }
        return tags.stream().sorted(Comparator.comparingDouble((Tag t) -> -t.q()).thenComparingInt(Tag::order))
                .map(Tag::tag).toList();
    }
}
