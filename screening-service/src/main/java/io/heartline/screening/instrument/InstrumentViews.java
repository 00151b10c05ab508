package io.heartline.screening.instrument;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What {@code GET /api/v1/instruments[/{code}]} shows: enough to list and render a form, nothing about scoring. */
public final class InstrumentViews {

    private InstrumentViews() {
    }

    public record Summary(String code, int version, String title, String language, Audience audience,
            List<SubjectType> subjectTypes, int itemCount, LicenceType licence, String licenceHolder) {

        static Summary of(Instrument i) {
            InstrumentDefinition d = i.definition();
            return new Summary(d.code(), d.version(), d.title(), d.language(), d.audience(), d.subjectTypes(),
                    d.items().size(), d.licence().type(), d.licence().holder());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Form(String code, int version, String title, String source, String language, Audience audience,
            List<SubjectType> subjectTypes, LicenceType licence, String licenceHolder, String licenceTerms,
            boolean itemTextsIncluded, String instructions, List<FormItem> items, String translationSource,
            List<String> availableLanguages) {

        static Form of(Instrument i) {
            return of(i, null, List.of(i.definition().language()));
        }

        /** @param t the translation shown, or null for the definition's own texts */
        static Form of(Instrument i, Translation t, List<String> languages) {
            InstrumentDefinition d = i.definition();
            List<FormItem> items = i.items().values().stream().map(item -> FormItem.of(item, t)).toList();
            return new Form(d.code(), d.version(), t == null ? d.title() : t.title(), d.source(),
                    t == null ? d.language() : t.language(), d.audience(), d.subjectTypes(), d.licence().type(),
                    d.licence().holder(), d.licence().terms(), !Boolean.FALSE.equals(d.licence().itemTextsIncluded()),
                    t == null || t.instructions() == null ? d.instructions() : t.instructions(), items,
                    t == null ? null : t.source(), languages);
        }
    }



    /** @param askedWhen when a conditional item is shown; null for items always shown */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FormItem(int number, String text, List<InstrumentDefinition.Option> options,
            InstrumentDefinition.Condition askedWhen) {

        static FormItem of(Instrument.CompiledItem item, Translation t) {
            if (t == null) {
                return new FormItem(item.number(), item.text(), item.options(), item.askedWhen());
            }
            return new FormItem(item.number(), t.items().get(String.valueOf(item.number())),
                    item.options().stream().map(o -> new InstrumentDefinition.Option(o.value(),
                            t.optionSets().get(item.optionSet()).get(String.valueOf(o.value())))).toList(),
                    item.askedWhen());
        }
    }
}
