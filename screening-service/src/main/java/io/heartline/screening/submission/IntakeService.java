package io.heartline.screening.submission;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.heartline.platform.events.Ids;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.screening.consent.ConsentRule;
import io.heartline.screening.consent.ConsentService;
import io.heartline.screening.directory.DirectoryStore;
import io.heartline.screening.instrument.Instrument;
import io.heartline.screening.instrument.InstrumentCatalogue;
import io.heartline.screening.instrument.Languages;
import io.heartline.screening.instrument.SubjectType;
import io.heartline.screening.licence.Licences;
import io.heartline.screening.scoring.Answer;
import io.heartline.screening.scoring.AnswerCheck;
import io.heartline.screening.scoring.AnswerProblem;
import io.heartline.screening.scoring.Score;
import io.heartline.screening.scoring.ScoringEngine;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The intake: {@link #prepare} checks everything in memory (instrument, who about whom, answers) and scores;
 * {@link #record} checks consent (students), finds the campaign and writes the result and its events in the caller's
 * transaction.
 */
@ApplicationScoped
public class IntakeService {

    private final InstrumentCatalogue catalogue;
    private final Licences licences;
    private final ScreeningStore store;
    private final ScreeningEvents events;
    private final MeterRegistry meters;
    private final Clock clock;
    private final DirectoryStore directory;
    private final ConsentService consents;
    private final ZoneId schoolZone;
    private final ConsentRule.UnknownAge unknownAge;

    IntakeService(InstrumentCatalogue catalogue, Licences licences, ScreeningStore store, ScreeningEvents events,
            MeterRegistry meters, Clock clock, DirectoryStore directory, ConsentService consents,
            @ConfigProperty(name = "heartline.screening.school-time-zone", defaultValue = "Asia/Shanghai") ZoneId schoolZone,
            @ConfigProperty(name = "heartline.screening.consent.unknown-age", defaultValue = "SCREEN")
            ConsentRule.UnknownAge unknownAge) {
        this.catalogue = catalogue;
        this.licences = licences;
        this.store = store;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
        this.directory = directory;
        this.consents = consents;
        this.schoolZone = schoolZone;
        this.unknownAge = unknownAge;
    }

    public NewScreening prepare(Caller caller, SubmitScreeningRequest request) {
        return prepare(caller, request, null);
    }

    /** @param acceptLanguage the request's Accept-Language header: the form's language when the body names none */
    public NewScreening prepare(Caller caller, SubmitScreeningRequest request, String acceptLanguage) {
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
        String language = Languages.choose(request.language(), "language", acceptLanguage,
                catalogue.languages(instrument), instrument.definition().language());
        return new NewScreening(Ids.next(), clock.instant().truncatedTo(ChronoUnit.MICROS), school, caller, subject,
                instrument, stored, score, language);
    }

    /** Call inside the intake's transaction. */
    public Receipt record(NewScreening s) {
        licences.requireUsable(s.instrument(), s.submitter().district(), s.submittedAt());
        List<UUID> campaigns = store.candidateCampaigns(s);
        ConsentRule.Decision consent = consent(s, campaigns);
        UUID campaignId = consent.campaignId() != null ? consent.campaignId()
                : campaigns.isEmpty() ? null : campaigns.get(0);
        store.insert(s, campaignId, consent.basis().name(), consent.consentId());
        events.publish(s, campaignId);
        meters.counter("heartline.screening.submissions", "instrument", s.instrument().code(), "risk_level",
                s.score().riskLevel().name()).increment();
        return new Receipt(s.id(), s.instrument().code(), s.submittedAt(), Receipt.RECEIVED);
    }

    /** The consent rule for student subjects (see {@link ConsentRule}); 409 CONSENT_REQUIRED when it refuses. */
    private ConsentRule.Decision consent(NewScreening s, List<UUID> campaigns) {
        if (s.subject().type() == SubjectType.STAFF) {
            return new ConsentRule.Decision(ConsentRule.Basis.STAFF, null, null, null);
        }
        if (s.subject().mode() == Subject.Mode.OBSERVER) {
            return new ConsentRule.Decision(ConsentRule.Basis.OBSERVATION, null, null, null);
        }
        String district = s.submitter().district();
        Optional<LocalDate> until = directory.student(district, s.subject().id())
                .map(DirectoryStore.Student::guardianConsentRequiredUntil);
        LocalDate day = s.submittedAt().atZone(schoolZone).toLocalDate();
        List<ConsentRule.Fact> facts = until.isPresent() && !until.get().isBefore(day)
                ? consents.factsOf(district, s.school(), s.subject().id()) : List.of();
        ConsentRule.Decision d = ConsentRule.decide(until, day, s.submittedAt(), facts, Set.copyOf(campaigns),
                unknownAge);
        if (!d.allowed()) {
            throw ProblemException.conflict("consent-required", ConsentRule.CONSENT_REQUIRED.equals(d.refusal())
                    ? ConsentRule.CONSENT_REQUIRED : d.refusal(),
                    ConsentRule.CONSENT_REQUIRED.equals(d.refusal())
                            ? "A student under 14 needs a guardian's consent (CAMPAIGN or STANDING) before screening"
                            : "The directory does not know this student's age; the district requires it");
        }
        return d;
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
