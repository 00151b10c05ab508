package io.heartline.crisis.cases;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.messaging.Outbox;
import io.heartline.platform.web.Trace;

/**
 * Appends {@code heartline.crisis.*} events to the outbox in the caller's transaction. Payloads are ids, levels and
 * codes: nothing here ever receives a note, a review text or a reporter.
 */
@ApplicationScoped
public class CrisisEvents {

    private final Outbox outbox;

    CrisisEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Starts the payload every crisis event shares. */
    public static Map<String, Object> data(CaseRow c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("caseId", c.id().toString());
        d.put("subjectId", c.subjectId());
        d.put("subjectType", c.subjectType());
        d.put("school", c.school());
        return d;
    }

    /** Publishes {@code type} about the case; null values are left out of the payload. */
    public void publish(String type, CaseRow c, Map<String, Object> data, Trace trace) {
        data.values().removeIf(v -> v == null);
        outbox.append(EventBuilder.from("crisis").type(type).subject(c.subjectId()).school(c.school())
                .district(c.district()).traceparent(trace == null ? null : trace.traceparent())
                .requestId(trace == null ? null : trace.requestId()).data(data).build());
    }
}
