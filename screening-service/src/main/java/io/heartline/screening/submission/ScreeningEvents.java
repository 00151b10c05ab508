package io.heartline.screening.submission;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.messaging.Outbox;
import io.heartline.platform.web.RequestTrace;
import io.heartline.screening.instrument.RiskLevel;
import io.heartline.screening.instrument.SubjectType;

/**
 * The screening events, appended to the outbox in the intake's transaction. Payloads hold ids, the instrument code,
 * the risk level and flag codes: never answers or scores (the schemas refuse any other field).
 */
@ApplicationScoped
public class ScreeningEvents {

    public static final String SUBMITTED = "heartline.screening.submitted.v1";
    public static final String RISK_FLAGGED = "heartline.screening.risk-flagged.v1";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Submitted(UUID screeningId, String instrument, String subjectId, SubjectType subjectType,
            RiskLevel riskLevel, Instant submittedAt, UUID campaignId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RiskFlagged(UUID screeningId, String instrument, String subjectId, SubjectType subjectType,
            RiskLevel riskLevel, Instant submittedAt, UUID campaignId, List<String> flags) {
    }

    private final Outbox outbox;
    private final RequestTrace trace;

    ScreeningEvents(Outbox outbox, RequestTrace trace) {
        this.outbox = outbox;
        this.trace = trace;
    }

    public void publish(NewScreening s, UUID campaignId) {
        RiskLevel risk = s.score().riskLevel();
        append(s, SUBMITTED, new Submitted(s.id(), s.instrument().code(), s.subject().id(), s.subject().type(), risk,
                s.submittedAt(), campaignId));
        if (risk.isAtLeast(RiskLevel.MODERATE)) {
            append(s, RISK_FLAGGED, new RiskFlagged(s.id(), s.instrument().code(), s.subject().id(), s.subject().type(),
                    risk, s.submittedAt(), campaignId, s.score().flagCodes()));
        }
    }

    private void append(NewScreening s, String type, Object data) {
        OutgoingEvent event = EventBuilder.from("screening").type(type).subject(s.subject().id()).school(s.school())
                .district(s.submitter().district()).traceparent(trace.traceparent()).requestId(trace.requestId())
                .data(data).build();
        outbox.append(event);
    }
}
