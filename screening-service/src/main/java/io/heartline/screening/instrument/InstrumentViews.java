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
            boolean itemTextsIncluded, String instructions, List<FormItem> items) {

        static Form of(Instrument i) {
            InstrumentDefinition d = i.definition();
            List<FormItem> items = i.items().values().stream().map(FormItem::of).toList();
            return new Form(d.code(), d.version(), d.title(), d.source(), d.language(), d.audience(), d.subjectTypes(),
                    d.licence().type(), d.licence().holder(), d.licence().terms(),
                    !Boolean.FALSE.equals(d.licence().itemTextsIncluded()), d.instructions(), items);
        }
    }

    /** @param askedWhen when a conditional item is shown; null for items always shown */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FormItem(int number, String text, List<InstrumentDefinition.Option> options,
            InstrumentDefinition.Condition askedWhen) {

        static FormItem of(Instrument.CompiledItem item) {
            return new FormItem(item.number(), item.text(), item.options(), item.askedWhen());
        }
    }
}
