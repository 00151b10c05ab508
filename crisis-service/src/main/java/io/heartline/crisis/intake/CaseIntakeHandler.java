package io.heartline.crisis.intake;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.heartline.crisis.alert.AlertKind;
import io.heartline.crisis.alert.Alerts;
import io.heartline.crisis.cases.CaseService;
import io.heartline.crisis.cases.CaseStore;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.IncomingEvent;
import io.heartline.platform.events.MalformedEventException;
import io.heartline.platform.events.Topics;
import io.heartline.platform.messaging.EventHandler;
import io.heartline.platform.web.Trace;

/**
 * Opens a case (or links to the person's open one) for a {@code CRITICAL} screening and an {@code EMERGENCY}
 * referral. The inbox drops redeliveries of one event id; the same screening or referral re-published under a new
 * event id is caught by the {@code case_source} key, so each source acts once. A screening and the referral
 * referral-service opens for it both land on the one open case.
 */
@ApplicationScoped
public class CaseIntakeHandler implements EventHandler {

    public static final String CONSUMER = "crisis-intake";
    private static final Logger LOG = Logger.getLogger(CaseIntakeHandler.class);

    private final CaseService cases;
    private final CaseStore store;
    private final Alerts alerts;

    CaseIntakeHandler(CaseService cases, CaseStore store, Alerts alerts) {
        this.cases = cases;
        this.store = store;
        this.alerts = alerts;
    }

    @Override
    public String consumerName() {
        return CONSUMER;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.SCREENING, Topics.REFERRAL);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.Screening.RISK_FLAGGED, EventTypes.Referral.CREATED, EventTypes.Referral.ESCALATED);
    }

    @Override
    public void handle(IncomingEvent event) {
        JsonNode d = event.data();
        if (EventTypes.Referral.ESCALATED.equals(event.type())) {
            escalated(event, d);
            return;
        }
        boolean screening = EventTypes.Screening.RISK_FLAGGED.equals(event.type());
        if (screening ? !"CRITICAL".equals(text(d, "riskLevel")) : !"EMERGENCY".equals(text(d, "urgency"))) {
            return; // not a crisis: referral-service handles it
        }
        String subjectId = text(d, "subjectId");
        if (subjectId == null || !subjectId.equals(event.subject())) {
            throw new MalformedEventException("subject " + event.subject() + " differs from data.subjectId");
        }
        if (event.school() == null || event.district() == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " names no school and district");
        }
        String kind = screening ? "SCREENING" : "REFERRAL";
        UUID sourceId = UUID.fromString(text(d, screening ? "screeningId" : "referralId"));
        if (store.caseOfSource(kind, sourceId).isPresent()) {
            LOG.debugf("%s %s already acted on; event %s changes nothing", kind, sourceId, event.id());
            return;
        }
        String subjectType = text(d, "subjectType") == null ? "STUDENT" : text(d, "subjectType");
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put(screening ? "screeningId" : "referralId", sourceId.toString());
        Trace trace = new Trace(event.traceparent(), event.requestId());
        CaseService.Opened o = cases.openOrLink(event.district(), event.school(), subjectId, subjectType, kind,
                sourceId, null, detail, trace);
        // same transaction as the case: the alert is raised once per source (its key), with the inbox row
        alerts.raise(screening ? AlertKind.CRITICAL_SCREENING : AlertKind.EMERGENCY_REFERRAL, event.district(),
                event.school(), "CRITICAL", Alerts.CASE, o.row().id(),
                (screening ? "screening:" : "referral-created:") + sourceId, trace);
        LOG.debugf("%s %s %s case %s", kind, sourceId, o.created() ? "opened" : "linked to", o.row().id());
    }

    /**
     * A referral escalated to {@code HOSPITAL} or by {@code SLA_BREACHED} raises an alert pointing at the referral,
     * once per (referral, tier reached): each escalation reaches a higher tier, so that is the source's key.
     */
    private void escalated(IncomingEvent event, JsonNode d) {
        String tier = text(d, "tier");
        boolean hospital = "HOSPITAL".equals(tier);
        if (!hospital && !"SLA_BREACHED".equals(text(d, "reasonCode"))) {
            return;
        }
        if (event.school() == null || event.district() == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " names no school and district");
        }
        UUID referralId = UUID.fromString(text(d, "referralId"));
        String urgency = hospital || "EMERGENCY".equals(text(d, "urgency")) ? "CRITICAL" : "HIGH";
        alerts.raise(AlertKind.REFERRAL_ESCALATED, event.district(), event.school(), urgency, Alerts.REFERRAL,
                referralId, "referral-escalated:" + referralId + ":" + tier,
                new Trace(event.traceparent(), event.requestId()));
    }

    private static String text(JsonNode d, String field) {
        JsonNode n = d.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
