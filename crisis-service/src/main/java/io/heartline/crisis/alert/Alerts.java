package io.heartline.crisis.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import io.heartline.crisis.Db;
import io.heartline.crisis.oncall.OnCall;
import io.heartline.crisis.oncall.OnCallViews;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.Ids;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.platform.web.Trace;

/**
 * Raising, escalating, acknowledging and resolving alerts. Each change runs in the caller's transaction with its
 * outbox event, its {@link AlertNotifier} call and its {@code alert_change} rows (the streams' feed), so a change and
 * its announcements commit together.
 */
@ApplicationScoped
public class Alerts {

    /** NOTIFY channel the stream hub listens on; the payload is empty (the hub reads the feed by seq). */
    public static final String CHANNEL = "heartline_alert_change";
    /** Transaction-level advisory lock taken before a feed row gets its seq: seq order = commit order. */
    /** Kinds that announce a case's crisis; a second one for a case already alerted adds nothing. */
    static final java.util.Set<AlertKind> CASE_OPENING = java.util.EnumSet.of(AlertKind.CRITICAL_SCREENING,
            AlertKind.EMERGENCY_REFERRAL, AlertKind.CRISIS_REPORT_HARM);
    public static final String CASE = "CRISIS_CASE";
    public static final String REFERRAL = "REFERRAL";
    static final long FEED_LOCK = 0x4845_4152_544cL; // "HEARTL"

    private final Db db;
    private final OnCall onCall;
    private final AlertEvents events;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;

    Alerts(Db db, OnCall onCall, AlertEvents events, Clock clock, TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.db = db;
        this.onCall = onCall;
        this.events = events;
        this.clock = clock;
    }

    /** Where an alert stands after placement: its 1-based step, target and window; {@code pastLast}: unanswered. */
    record Placement(int step, String targetId, Instant dueAt, boolean pastLast) {
    }

    /**
     * The first step at or after {@code fromIndex} (0-based) whose target resolves to somebody; past the last step the
     * district centre's person on duty (step = steps + 1, no further window).
     */
    Placement place(String district, String school, List<OnCallViews.Step> steps, int fromIndex, Instant now) {
        for (int i = fromIndex; i < steps.size(); i++) {
            Optional<String> who = onCall.resolve(district, school, steps.get(i).target(), now);
            if (who.isPresent()) {
                return new Placement(i + 1, who.get(), now.plus(Duration.parse(steps.get(i).ackWithin())), false);
            }
        }
        return new Placement(steps.size() + 1, onCall.onDuty(district, district, now).orElse(null), null, true);
    }

    // ---------------------------------------------------------------- raise

    /**
     * Raises the alert for one source event, once: a second call with the same {@code sourceKey} (a redelivery, a
     * source re-published under a new event id) changes nothing.
     *
     * @return the alert, or empty when this source already raised one
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<AlertRow> raise(AlertKind kind, String district, String school, String urgency, String recordType,
            UUID recordId, String sourceKey, Trace trace) {
        Instant now = clock.instant();
        if (CASE_OPENING.contains(kind) && db.count("""
                SELECT count(*) FROM alert WHERE record_type = 'CRISIS_CASE' AND record_id = ? AND status <> 'RESOLVED'
                AND kind IN ('CRITICAL_SCREENING', 'EMERGENCY_REFERRAL', 'CRISIS_REPORT_HARM')""", recordId) > 0) {
            // A second source landing on a case somebody is already being paged about (the EMERGENCY referral that
            // referral-service opens for a CRITICAL screening): one crisis, one page.
            return Optional.empty();
        }
        List<OnCallViews.Step> steps = onCall.policyFor(district, school);
        Placement p = place(district, school, steps, 0, now);
        UUID id = Ids.next();
        int n = db.update("""
                INSERT INTO alert (id, source_key, district, school, kind, urgency, record_type, record_id, raised_at,
                    step, target_id, step_due_at, status, unanswered_at, policy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)
                ON CONFLICT (source_key) DO NOTHING""", id, sourceKey, district, school, kind, urgency, recordType,
                recordId, now, p.step(), p.targetId(), p.dueAt(), p.pastLast() ? now : null,
                new Db.Jsonb(events.json(steps)));
        if (n == 0) {
            return Optional.empty();
        }
        AlertRow a = find(id).orElseThrow();
        if (p.targetId() != null) {
            reach(a, p.targetId(), p.step(), "RAISED", now);
        }
        events.publish(EventTypes.Crisis.ALERT_RAISED, a, null, trace);
        if (p.pastLast()) {
            events.publish(EventTypes.Crisis.ALERT_UNANSWERED, a, null, trace);
        }
        return Optional.of(a);
    }

    // ---------------------------------------------------------------- escalate (the sweeper's step)

    /**
     * Moves a locked, overdue alert to its next step: the next resolvable target, or past the last step the district
     * on duty with {@code alert-unanswered}. The update is conditional on the step it read, so a step escalates once.
     *
     * @return whether it moved
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean escalate(AlertRow a, Instant now) {
        List<OnCallViews.Step> steps = events.steps(a.policyJson());
        Placement p = place(a.district(), a.school(), steps, a.step(), now);
        int n = db.update("""
                UPDATE alert SET step = ?, target_id = ?, step_due_at = ?, unanswered_at = ?
                WHERE id = ? AND step = ? AND status = 'OPEN'""",
                p.step(), p.targetId(), p.dueAt(), p.pastLast() ? now : null, a.id(), a.step());
        if (n == 0) {
            return false;
        }
        AlertRow moved = find(a.id()).orElseThrow();
        if (p.targetId() != null) {
            reach(moved, p.targetId(), p.step(), "ESCALATED", now);
        }
        events.publish(p.pastLast() ? EventTypes.Crisis.ALERT_UNANSWERED : EventTypes.Crisis.ALERT_ESCALATED, moved,
                a.targetId(), Trace.NONE);
        return true;
    }

    // ---------------------------------------------------------------- acknowledge / resolve

    /** The outcome of an acknowledgement or resolution: the alert, or who got there first. */
    public sealed interface Outcome {
    }

    public record Done(AlertView alert) implements Outcome {
    }

    public record TakenBy(String personId, Instant at, String status) implements Outcome {
    }

    @Transactional
    public Outcome acknowledge(UUID id, Caller caller) {
        Instant now = clock.instant();
        AlertRow a = lockVisible(id, caller);
        if (a.acknowledgedBy() != null) {
            return a.acknowledgedBy().equals(caller.id()) ? new Done(a.view())
                    : new TakenBy(a.acknowledgedBy(), a.acknowledgedAt(), a.status());
        }
        if (!"OPEN".equals(a.status())) {
            // resolved without an acknowledgement first
            return a.resolvedBy().equals(caller.id()) ? new Done(a.view())
                    : new TakenBy(a.resolvedBy(), a.resolvedAt(), a.status());
        }
        requireCurrentOrLater(a, caller, now);
        db.update("""
                UPDATE alert SET status = 'ACKNOWLEDGED', acknowledged_by = ?, acknowledged_at = ?, step_due_at = NULL
                WHERE id = ? AND status = 'OPEN'""", caller.id(), now, id);
        AlertRow done = find(id).orElseThrow();
        addRecipient(done, caller.id(), done.step());
        feed(done, recipients(id), "ACKNOWLEDGED", now);
        events.publishAck(done, caller.id());
        return new Done(done.view());
    }

    @Transactional
    public Outcome resolve(UUID id, Caller caller, String reason) {
        Instant now = clock.instant();
        AlertRow a = lockVisible(id, caller);
        if ("RESOLVED".equals(a.status())) {
            return a.resolvedBy().equals(caller.id()) ? new Done(a.view())
                    : new TakenBy(a.resolvedBy(), a.resolvedAt(), a.status());
        }
        if (a.acknowledgedBy() != null && !a.acknowledgedBy().equals(caller.id())) {
            // the person who took the alert resolves it; anyone else learns who did
            return new TakenBy(a.acknowledgedBy(), a.acknowledgedAt(), a.status());
        }
        if (a.acknowledgedBy() == null) {
            requireCurrentOrLater(a, caller, now);
        }
        db.update("""
                UPDATE alert SET status = 'RESOLVED', resolved_by = ?, resolved_at = ?, resolve_reason = ?,
                    step_due_at = NULL WHERE id = ?""", caller.id(), now, reason, id);
        AlertRow done = find(id).orElseThrow();
        addRecipient(done, caller.id(), done.step());
        feed(done, recipients(id), "RESOLVED", now);
        return new Done(done.view());
    }

    /**
     * Locks the alert for the caller: 404 unless the caller's district holds it and the caller has been reached by it,
     * is a current or later target, or administers its school (school-admin) or district (district-admin).
     */
    private AlertRow lockVisible(UUID id, Caller caller) {
        AlertRow a = db.one("SELECT " + AlertRow.COLUMNS + " FROM alert a WHERE a.id = ? AND a.district = ? FOR UPDATE",
                AlertRow::map, id, caller.requireDistrict()).orElseThrow(() -> ProblemException.notFound("Alert"));
        boolean visible = isRecipient(id, caller.id()) || currentOrLater(a, caller.id(), clock.instant())
                || (caller.hasRole(Roles.SCHOOL_ADMIN) && caller.inSchool(a.district(), a.school()))
                || caller.hasRole(Roles.DISTRICT_ADMIN);
        if (!visible) {
            throw ProblemException.notFound("Alert");
        }
        return a;
    }

    private void requireCurrentOrLater(AlertRow a, Caller caller, Instant now) {
        if (!currentOrLater(a, caller.id(), now)) {
            throw ProblemException.conflictBecause("NOT_A_CURRENT_TARGET",
                    "Only the alert's current target or a person at a later step may take it");
        }
    }

    /** The current target, or whom a later step (or the district on duty past the last step) would reach now. */
    boolean currentOrLater(AlertRow a, String person, Instant now) {
        if (person.equals(a.targetId())) {
            return true;
        }
        List<OnCallViews.Step> steps = events.steps(a.policyJson());
        for (int i = a.step(); i < steps.size(); i++) {
            if (onCall.resolve(a.district(), a.school(), steps.get(i).target(), now).filter(person::equals)
                    .isPresent()) {
                return true;
            }
        }
        return onCall.onDuty(a.district(), a.district(), now).filter(person::equals).isPresent();
    }

    // ---------------------------------------------------------------- lists

    public Page<AlertView> list(Caller caller, boolean mine, String status, PageRequest page) {
        String district = caller.requireDistrict();
        List<Object> args = new ArrayList<>();
        String sql;
        if (mine) {
            sql = "SELECT " + AlertRow.COLUMNS + """
                     FROM alert_recipient r JOIN alert a ON a.id = r.alert_id
                    WHERE r.district = ? AND r.person_id = ?""";
            args.add(district);
            args.add(caller.id());
        } else if (caller.hasRole(Roles.DISTRICT_ADMIN)) {
            sql = "SELECT " + AlertRow.COLUMNS + " FROM alert a WHERE a.district = ?";
            args.add(district);
        } else if (caller.hasRole(Roles.SCHOOL_ADMIN) && caller.school() != null) {
            sql = "SELECT " + AlertRow.COLUMNS + " FROM alert a WHERE a.district = ? AND a.school = ?";
            args.add(district);
            args.add(caller.school());
        } else {
            throw ProblemException.forbidden("Only school and district admins list alerts beyond their own (mine=true)");
        }
        if (status != null) {
            sql += " AND a.status = ?";
            args.add(status);
        }
        if (page.hasCursor()) {
            sql += " AND (a.raised_at, a.id) < (?, ?)";
            args.add(page.beforeAt());
            args.add(page.beforeId());
        }
        sql += " ORDER BY a.raised_at DESC, a.id DESC LIMIT ?";
        args.add(page.limit() + 1);
        List<AlertRow> rows = db.list(sql, AlertRow::map, args.toArray());
        return page.page(rows, AlertRow::raisedAt, AlertRow::id, AlertRow::view);
    }

    /** Feed rows for a person after {@code afterSeq}, oldest first, with the alert's current state. */
    public List<Change> changesFor(String district, String person, long afterSeq, int max) {
        return db.list("SELECT c.seq, c.change, c.person_id, " + AlertRow.COLUMNS + """
                 FROM alert_change c JOIN alert a ON a.id = c.alert_id
                WHERE c.district = ? AND c.person_id = ? AND c.seq > ? ORDER BY c.seq LIMIT ?""",
                rs -> new Change(rs.getLong("seq"), rs.getString("change"), rs.getString("district"),
                        rs.getString("person_id"), AlertRow.map(rs).view()),
                district, person, afterSeq, max);
    }

    /** Every feed row after {@code afterSeq}, oldest first (the hub's read). */
    public List<Change> changesAfter(long afterSeq, int max) {
        return db.list("SELECT c.seq, c.change, c.person_id, " + AlertRow.COLUMNS + """
                 FROM alert_change c JOIN alert a ON a.id = c.alert_id
                WHERE c.seq > ? ORDER BY c.seq LIMIT ?""",
                rs -> new Change(rs.getLong("seq"), rs.getString("change"), rs.getString("district"),
                        rs.getString("person_id"), AlertRow.map(rs).view()),
                afterSeq, max);
    }

    public long lastSeq() {
        return db.count("SELECT COALESCE(max(seq), 0) FROM alert_change");
    }

    /** One row of a person's feed: {@code change} is RAISED, ESCALATED, ACKNOWLEDGED or RESOLVED. */
    public record Change(long seq, String change, String district, String personId, AlertView alert) {
    }

    // ---------------------------------------------------------------- rows

    public Optional<AlertRow> find(UUID id) {
        return db.one("SELECT " + AlertRow.COLUMNS + " FROM alert a WHERE a.id = ?", AlertRow::map, id);
    }

    private boolean isRecipient(UUID alertId, String person) {
        return db.count("SELECT count(*) FROM alert_recipient WHERE alert_id = ? AND person_id = ?", alertId,
                person) > 0;
    }

    private List<String> recipients(UUID alertId) {
        return db.list("SELECT person_id FROM alert_recipient WHERE alert_id = ? ORDER BY person_id",
                rs -> rs.getString(1), alertId);
    }

    private void addRecipient(AlertRow a, String person, int step) {
        db.update("""
                INSERT INTO alert_recipient (alert_id, district, person_id, step, raised_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (alert_id, person_id) DO NOTHING""", a.id(), a.district(), person, step, a.raisedAt());
    }

    /** The alert reaches a person: they list it as theirs and their stream shows it. */
    private void reach(AlertRow a, String person, int step, String change, Instant now) {
        addRecipient(a, person, step);
        feed(a, List.of(person), change, now);
    }

    private record FeedRow(UUID alertId, String district, String person, String change, Instant at) {
    }

    private static final Object FEED_KEY = new Object();

    /**
     * Queues feed rows; they are written just before the transaction commits, under the feed lock, so that seq order is
     * commit order (a stream resuming after seq n can never miss a row below n that committed later), and every
     * instance's hub is woken on commit. Taking the global lock last — when the transaction has no other lock left to
     * wait for — keeps it from deadlocking with transactions that hold row locks (a triage holding its case while the
     * clock sweep, already holding the feed lock, waits for that case).
     */
    @SuppressWarnings("unchecked")
    private void feed(AlertRow a, List<String> people, String change, Instant now) {
        if (people.isEmpty()) {
            return;
        }
        List<FeedRow> pending = (List<FeedRow>) transactions.getResource(FEED_KEY);
        if (pending == null) {
            List<FeedRow> rows = new ArrayList<>();
            transactions.putResource(FEED_KEY, rows);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                        writeFeed(rows);
                    }
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
            pending = rows;
        }
        for (String p : people) {
            pending.add(new FeedRow(a.id(), a.district(), p, change, now));
        }
    }

    private void writeFeed(List<FeedRow> rows) {
        db.one("SELECT pg_advisory_xact_lock(?)", rs -> Boolean.TRUE, FEED_LOCK);
        for (FeedRow r : rows) {
            db.update("INSERT INTO alert_change (alert_id, district, person_id, change, at) VALUES (?, ?, ?, ?, ?)",
                    r.alertId(), r.district(), r.person(), r.change(), r.at());
        }
        db.one("SELECT pg_notify(?, '')", rs -> Boolean.TRUE, CHANNEL);
    }

    static Map<String, Object> data(AlertRow a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("alertId", a.id().toString());
        d.put("kind", a.kind().name());
        d.put("school", a.school());
        d.put("district", a.district());
        d.put("urgency", a.urgency());
        d.put("step", a.step());
        d.put("targetId", a.targetId());
        d.put("recordType", a.recordType());
        d.put("recordId", a.recordId().toString());
        d.put("status", a.status());
        return d;
    }
}
