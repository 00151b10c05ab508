package io.heartline.screening.me;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.screening.instrument.Instrument;
import io.heartline.screening.instrument.InstrumentCatalogue;
import io.heartline.screening.instrument.InstrumentDefinition;
import io.heartline.screening.instrument.Languages;
import io.heartline.screening.instrument.RiskLevel;
import io.heartline.screening.instrument.Translation;
import io.heartline.screening.result.ResultViews;
import io.heartline.screening.result.ScreeningQueries;
import io.heartline.screening.result.StoredScreening;
import io.heartline.screening.result.Trends;
import io.heartline.screening.scoring.Answer;
import io.smallrye.common.annotation.RunOnVirtualThread;

/**
 * A person's own results: the token's {@code sub} is the subject, always; there is no parameter naming anyone else.
 * Results of the caller's (district, school) only. Not audited: the audit trail records reads of a person's data by
 * someone else (and feeds their access log); a person reading their own results is neither (see docs/screening.md).
 */
@Path("/api/v1/me/screenings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
@RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.STUDENT })
public class OwnScreeningsResource {

    /** Results per instrument a trend and summary are drawn from. */
    static final int TREND_POINTS = 12;
    /** Lowest-rated areas named in a summary, at most. */
    static final int LOWEST_AREAS = 3;
    static final String MONTHLY = "STAFF-MONTHLY";

    private final CurrentCaller currentCaller;
    private final ScreeningQueries queries;
    private final InstrumentCatalogue catalogue;

    OwnScreeningsResource(CurrentCaller currentCaller, ScreeningQueries queries, InstrumentCatalogue catalogue) {
        this.currentCaller = currentCaller;
        this.queries = queries;
        this.catalogue = catalogue;
    }

    @GET
    @RunOnVirtualThread
    @Operation(summary = "Your own results over time (newest first, paged), the trend per instrument and a "
            + "plain-language summary in zh-CN (default) or en")
    public OwnViews.MyScreenings get(
            @Parameter(description = "an instrument code, e.g. STAFF-MONTHLY; all when absent") @QueryParam("instrument") String instrument,
            @Parameter(description = "zh-CN (default) or en; else Accept-Language") @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Caller caller = currentCaller.get();
        String school = caller.requireSchool();
        String code = instrumentCode(instrument);
        String language = Languages.choose(lang, "lang", acceptLanguage, Languages.SUPPORTED, Languages.DEFAULT);
        PageRequest page = PageRequest.of(limit, cursor);
        String me = caller.id();

        List<StoredScreening> rows = queries.own(caller.district(), school, me, code, page);
        Page<OwnViews.MyResult> items = page.page(rows, StoredScreening::submittedAt, StoredScreening::id,
                s -> new OwnViews.MyResult(s.id(), s.instrument(), s.submittedAt(), s.riskLevel(), s.review() != null,
                        bandLabel(s, language)));

        List<StoredScreening> trendRows = queries.ownLatestPerInstrument(caller.district(), school, me, code,
                TREND_POINTS);
        Map<String, List<StoredScreening>> byInstrument = new LinkedHashMap<>();
        trendRows.forEach(r -> byInstrument.computeIfAbsent(r.instrument(), k -> new ArrayList<>()).add(r));
        List<OwnViews.Report> reports = new ArrayList<>();
        for (ResultViews.Trend trend : Trends.of(trendRows, this::instrumentOf)) {
            List<StoredScreening> own = byInstrument.get(trend.instrument());
            reports.add(report(caller, school, trend, own.get(own.size() - 1), own.size(), language));
        }
        return new OwnViews.MyScreenings(language, items.items(), items.nextCursor(), reports);
    }

    private OwnViews.Report report(Caller caller, String school, ResultViews.Trend trend, StoredScreening latest,
            int results, String language) {
        Instrument instrument = instrumentOf(latest);
        Optional<Translation> translation = catalogue.translation(instrument, language);
        String title = translation.map(Translation::title).orElse(instrument.definition().title());
        boolean needsAttention = latest.riskLevel().compareTo(RiskLevel.MODERATE) >= 0;
        // The caller's own answers, only where a higher rating is better: there "lowest" names an area to look after.
        List<OwnViews.Area> areas = trend.higherScoreIsWorse() ? List.of()
                : queries.ownWithAnswers(caller.district(), school, caller.id(), latest.id())
                        .map(s -> lowestAreas(instrument, translation.orElse(null), s.answers())).orElse(List.of());
        String summary = OwnSummary.of(language, title, MONTHLY.equals(trend.instrument()), results,
                trend.direction(), needsAttention, areas);
        return new OwnViews.Report(trend.instrument(), title, trend.direction(), trend, latest.submittedAt(),
                latest.riskLevel(), needsAttention, areas, summary);
    }

    /** The lowest-rated scored items that are not at their best, lowest first, at most {@link #LOWEST_AREAS}. */
    static List<OwnViews.Area> lowestAreas(Instrument instrument, Translation translation, List<Answer> answers) {
        if (answers == null) {
            return List.of();
        }
        record Rated(Instrument.CompiledItem item, Answer answer, int scored) {
        }
        return answers.stream()
                .map(a -> Optional.ofNullable(instrument.items().get(a.item()))
                        .map(i -> new Rated(i, a, i.scoredValue(a.value()))).orElse(null))
                .filter(r -> r != null && r.item().scored() && r.scored() < r.item().highest())
                .sorted(Comparator.comparingInt(Rated::scored).thenComparingInt(r -> r.item().number()))
                .limit(LOWEST_AREAS)
                .map(r -> new OwnViews.Area(r.item().number(), itemText(r.item(), translation), r.answer().value(),
                        optionLabel(r.item(), translation, r.answer().value())))
                .toList();
    }

    private static String itemText(Instrument.CompiledItem item, Translation translation) {
        return translation == null ? item.text()
                : translation.items().getOrDefault(String.valueOf(item.number()), item.text());
    }

    private static String optionLabel(Instrument.CompiledItem item, Translation translation, int value) {
        String own = item.options().stream().filter(o -> o.value() == value).map(InstrumentDefinition.Option::label)
                .findFirst().orElse(String.valueOf(value));
        if (translation == null || translation.optionSets() == null || item.optionSet() == null) {
            return own;
        }
        return translation.optionSets().getOrDefault(item.optionSet(), Map.of()).getOrDefault(String.valueOf(value),
                own);
    }

    private String bandLabel(StoredScreening s, String language) {
        Instrument i = instrumentOf(s);
        String own = i.definition().bands().stream().filter(b -> b.code().equals(s.band()))
                .map(InstrumentDefinition.Band::label).findFirst().orElse(null);
        return catalogue.translation(i, language).map(t -> t.bands() == null ? own : t.bands().getOrDefault(s.band(), own)).orElse(own);
    }

    private Instrument instrumentOf(StoredScreening s) {
        return catalogue.find(s.instrument(), s.instrumentVersion()).orElseThrow(
                () -> new IllegalStateException("No definition " + s.instrument() + " v" + s.instrumentVersion()));
    }

    private String instrumentCode(String instrument) {
        if (instrument == null || instrument.isBlank()) {
            return null;
        }
        String code = instrument.trim();
        if (catalogue.current(code).isEmpty()) {
            throw ProblemException.badRequest("Unknown instrument", List.of(new Problem.FieldError("instrument",
                    "one of " + catalogue.current().stream().map(Instrument::code).sorted().toList())));
        }
        return code;
    }
}
