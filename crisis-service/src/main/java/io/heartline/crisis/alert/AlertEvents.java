package io.heartline.crisis.alert;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heartline.crisis.oncall.OnCallViews;
import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.messaging.Outbox;
import io.heartline.platform.web.Trace;

/**
 * {@code heartline.crisis.alert-*} events to the outbox, and the same payload to the {@link AlertNotifier}, in the
 * caller's transaction. Key and subject: the alert id (one alert's events stay in order).
 */
@ApplicationScoped
public class AlertEvents {

    private final Outbox outbox;
    private final AlertNotifier notifier;
    private final ObjectMapper json;

    AlertEvents(Outbox outbox, AlertNotifier notifier, ObjectMapper json) {
        this.outbox = outbox;
        this.notifier = notifier;
        this.json = json;
    }

    void publish(String type, AlertRow a, String previousTargetId, Trace trace) {
        Map<String, Object> d = Alerts.data(a);
        if (previousTargetId != null) {
            d.put("previousTargetId", previousTargetId);
        }
        send(type, a, d, trace);
    }

    void publishAck(AlertRow a, String by) {
        Map<String, Object> d = Alerts.data(a);
        d.put("acknowledgedBy", by);
        send(io.heartline.platform.events.EventTypes.Crisis.ALERT_ACKNOWLEDGED, a, d, Trace.NONE);
    }

    private void send(String type, AlertRow a, Map<String, Object> d, Trace trace) {
        OutgoingEvent e = EventBuilder.from("crisis").type(type).subject(a.id().toString()).school(a.school())
                .district(a.district()).traceparent(trace == null ? null : trace.traceparent())
                .requestId(trace == null ? null : trace.requestId()).data(d).build();
        outbox.append(e);
        notifier.notify(new AlertNotifier.Notice(a.district(), a.kind().name(), type, e.id(), json(d)));
    }

    String json(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    List<OnCallViews.Step> steps(String policyJson) {
        try {
            return json.readValue(policyJson, new TypeReference<List<OnCallViews.Step>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
