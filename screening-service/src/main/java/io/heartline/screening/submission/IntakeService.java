package io.heartline.screening.submission;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.heartline.platform.events.Ids;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.screening.instrument.Instrument;
import io.heartline.screening.instrument.InstrumentCatalogue;
import io.heartline.screening.licence.Licences;
import io.heartline.screening.scoring.Answer;
import io.heartline.screening.scoring.AnswerCheck;
import io.heartline.screening.scoring.AnswerProblem;
import io.heartline.screening.scoring.Score;
import io.heartline.screening.scoring.ScoringEngine;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The intake: {@link #prepare} checks everything in memory (instrument, who about whom, answers) and scores;
 * {@link #record} writes the result, its events and (for staff) the known-staff row in the caller's transaction —
 * a handful of statements, no reads besides the licence check of LICENSED instruments.
 */
@ApplicationScoped
public class IntakeService {

    private final InstrumentCatalogue catalogue;
    private final Licences licences;
    private final ScreeningStore store;
    private final ScreeningEvents events;
    private final MeterRegistry meters;

    IntakeService(InstrumentCatalogue catalogue, Licences licences, ScreeningStore store, ScreeningEvents events,
            MeterRegistry meters) {
        this.catalogue = catalogue;
        this.licences = licences;
        this.store = store;
        this.events = events;
        this.meters = meters;
    }

    public NewScreening prepare(Caller caller, SubmitScreeningRequest request) {
        String school = caller.requireSchool();
        Instrument instrument = catalogue.find(request.instrument(), request.instrumentVersion())
                .orElseThrow(() -> unknownInstrument(request));
        Subject subject = SubmissionPolicy.decide(caller, instrument, request.subjectId(), request.subjectType());
        List<Answer> given = request.answers().stream().map(a -> new Answer(a.item(), a.value())).toList();
        AnswerCheck.Outcome checked = AnswerCheck.check(instrument, given);
        if (!checked.valid()) {
            throw ProblemException.badRequest(
                    checked.problems().size() + " answer(s) of " + instrument + " are not valid",
                    checked.problems().stream().map(IntakeService::fieldError).toList());
        }
        Map<Integer, Integer> answers = checked.answers();
        Score score = ScoringEngine.score(instrument, answers);
        List<Answer> stored = answers.entrySet().stream().map(e -> new Answer(e.getKey(), e.getValue())).toList();
        return new NewScreening(Ids.next(), Instant.now().truncatedTo(ChronoUnit.MICROS), school, caller, subject,
                instrument, stored, score);
    }

    /** Call inside the intake's transaction. */
    public Receipt record(NewScreening s) {
        licences.requireUsable(s.instrument(), s.submitter().district(), s.submittedAt());
        var campaignId = store.insert(s);
        store.rememberStaff(s.school(), s.subject().id(), s.subject().type());
        events.publish(s, campaignId);
        meters.counter("heartline.screening.submissions", "instrument", s.instrument().code(), "risk_level",
                s.score().riskLevel().name()).increment();
        return new Receipt(s.id(), s.instrument().code(), s.submittedAt(), Receipt.RECEIVED);
    }

    private static ProblemException unknownInstrument(SubmitScreeningRequest r) {
        if (r.instrumentVersion() != null) {
            return ProblemException.badRequest("Unknown instrument version",
                    List.of(new Problem.FieldError("instrumentVersion",
                            r.instrument() + " has no version " + r.instrumentVersion())));
        }
        return ProblemException.badRequest("Unknown instrument",
                List.of(new Problem.FieldError("instrument", "no instrument " + r.instrument())));
    }

    /** {@code answers[item=7]}: names the item, whatever its position in the request. */
    private static Problem.FieldError fieldError(AnswerProblem p) {
        return new Problem.FieldError("answers[item=" + p.item() + "]", p.kind() + ": " + p.message());
    }
}
