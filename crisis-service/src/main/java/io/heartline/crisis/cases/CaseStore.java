package io.heartline.crisis.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heartline.crisis.Db;
import io.heartline.crisis.model.ClockKind;
import io.heartline.crisis.model.Level;
import io.heartline.crisis.model.Status;
import io.heartline.platform.events.Ids;
import io.heartline.platform.web.PageRequest;

/** SQL of cases and everything hanging off them. Callers hold the transaction. */
@ApplicationScoped
public class CaseStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Db db;
    private final ObjectMapper json;

    CaseStore(Db db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public Optional<CaseRow> find(UUID id) {
        return db.one("SELECT " + CaseRow.COLUMNS + " FROM crisis_case c WHERE c.id = ?", CaseRow::map, id);
    }

    /** Locks the case row for a transition (writers of one case queue up; readers do not wait). */
    public Optional<CaseRow> lock(UUID id) {
        return db.one("SELECT " + CaseRow.COLUMNS + " FROM crisis_case c WHERE c.id = ? FOR UPDATE", CaseRow::map,
                id);
    }

    public Optional<CaseRow> lockOpenCaseOf(String district, String subjectId) {
        return db.one("SELECT " + CaseRow.COLUMNS + " " + """
                FROM crisis_case c WHERE c.district = ? AND c.subject_id = ? AND c.status <> 'CLOSED' FOR UPDATE""",
                CaseRow::map, district, subjectId);
    }

    /** Inserts an OPEN case unless the person has an open one already (then empty, without error). */
    public boolean insertOpen(UUID id, String district, String school, String subjectId, String subjectType,
            String openedFrom, Instant at) {
        return db.update("""
                INSERT INTO crisis_case (id, district, school, subject_id, subject_type, status, opened_at, opened_from,
                                         updated_at)
                VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)
                ON CONFLICT (district, subject_id) WHERE status <> 'CLOSED' DO NOTHING""",
                id, district, school, subjectId, subjectType, at, openedFrom, at) == 1;
    }

    /** Records where a case came from; false when that source is already known (it acts once). */
    public boolean addSource(String kind, UUID sourceId, UUID caseId, Instant at) {
        return db.update("INSERT INTO case_source (kind, source_id, case_id, at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", kind, sourceId, caseId, at) == 1;
    }

    public Optional<UUID> caseOfSource(String kind, UUID sourceId) {
        return db.one("SELECT case_id FROM case_source WHERE kind = ? AND source_id = ?", rs -> Db.uuid(rs, "case_id"),
                kind, sourceId);
    }

    public void setStatus(UUID id, Status status, Instant now) {
        db.update("UPDATE crisis_case SET status = ?, updated_at = ? WHERE id = ?", status, now, id);
    }

    public void contacted(UUID id, Status status, Instant at, Instant now) {
        db.update("""
                UPDATE crisis_case SET status = ?, first_contact_at = COALESCE(first_contact_at, ?), updated_at = ?
                WHERE id = ?""", status, at, now, id);
    }

    public void triaged(UUID id, Status status, Level level, Level suggested, int impact, int coping, int support,
            Instant now) {
        db.update("""
                UPDATE crisis_case SET status = ?, level = ?, suggested_level = ?, impact = ?, coping = ?, support = ?,
                                       updated_at = ? WHERE id = ?""",
                status, level, suggested, impact, coping, support, now, id);
    }

    public void setLead(UUID id, String personId, Instant now) {
        db.update("UPDATE crisis_case SET lead_id = ?, updated_at = ? WHERE id = ?", personId, now, id);
    }

    public void close(UUID id, String outcome, String wentWell, String toChange, Instant now) {
        db.update("""
                UPDATE crisis_case SET status = 'CLOSED', closed_at = ?, outcome = ?, review_went_well = ?,
                                       review_to_change = ?, updated_at = ? WHERE id = ?""",
                now, outcome, wentWell, toChange, now, id);
    }

    public void reopen(UUID id, Instant now) {
        db.update("""
                UPDATE crisis_case SET status = 'TRIAGED', closed_at = NULL, reopen_count = reopen_count + 1,
                                       updated_at = ? WHERE id = ?""", now, id);
    }

    public void markBreached(UUID id) {
        db.update("UPDATE crisis_case SET breached = true WHERE id = ? AND NOT breached", id);
    }

    // ---- clocks

    public void addClock(UUID caseId, ClockKind kind, int seq, Instant due, Instant met, Instant breached) {
        db.update("""
                INSERT INTO case_clock (id, case_id, kind, seq, due_at, met_at, breached_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (case_id, kind, seq) DO NOTHING""", Ids.next(), caseId, kind, seq, due, met, breached);
    }

    public int nextSeq(UUID caseId, ClockKind kind) {
        return (int) db.count("SELECT COALESCE(MAX(seq), 0) + 1 FROM case_clock WHERE case_id = ? AND kind = ?",
                caseId, kind);
    }

    public List<ClockRow> clocks(UUID caseId) {
        return db.list("""
                SELECT id, kind, seq, due_at, met_at, breached_at, cancelled_at FROM case_clock
                WHERE case_id = ? ORDER BY due_at, kind, seq""", ClockRow::map, caseId);
    }

    /** The earliest armed-or-breached, unmet, uncancelled clock of a kind. */
    public Optional<ClockRow> firstUnmet(UUID caseId, ClockKind kind) {
        return db.one("""
                SELECT id, kind, seq, due_at, met_at, breached_at, cancelled_at FROM case_clock
                WHERE case_id = ? AND kind = ? AND met_at IS NULL AND cancelled_at IS NULL
                ORDER BY seq LIMIT 1""", ClockRow::map, caseId, kind);
    }

    public void meet(UUID clockId, Instant at) {
        db.update("UPDATE case_clock SET met_at = ? WHERE id = ? AND met_at IS NULL", at, clockId);
    }

    /** Marks a clock breached unless it already is; true for the one caller that did it. */
    public boolean breach(UUID clockId, Instant at) {
        return db.update("UPDATE case_clock SET breached_at = ? WHERE id = ? AND breached_at IS NULL", at,
                clockId) == 1;
    }

    public void cancelOpenClocks(UUID caseId, Instant now, ClockKind... kinds) {
        String[] names = kinds.length == 0 ? Arrays.stream(ClockKind.values()).map(Enum::name).toArray(String[]::new)
                : Arrays.stream(kinds).map(Enum::name).toArray(String[]::new);
        db.update("""
                UPDATE case_clock SET cancelled_at = ? WHERE case_id = ? AND met_at IS NULL AND cancelled_at IS NULL
                AND kind = ANY (?)""", now, caseId, names);
    }

    // ---- timeline, team, watch, sources, reports

    public void entry(UUID caseId, Instant at, Instant recordedAt, String actor, String kind, String code,
            Map<String, Object> detail, String note) {
        db.update("""
                INSERT INTO case_entry (id, case_id, at, recorded_at, actor, kind, code, detail, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", Ids.next(), caseId, at, recordedAt, actor, kind, code,
                detail == null ? null : new Db.Jsonb(write(detail)), note);
    }

    public List<Views.Entry> timeline(UUID caseId, boolean withNotes) {
        return db.list("SELECT at, kind, code, actor, detail, note FROM case_entry WHERE case_id = ? ORDER BY at, id",
                rs -> new Views.Entry(Db.instant(rs, "at"), rs.getString("kind"), rs.getString("code"),
                        rs.getString("actor"), read(rs.getString("detail")), withNotes ? rs.getString("note") : null),
                caseId);
    }

    public void setTeamMember(UUID caseId, String role, String personId, Instant now) {
        db.update("""
                INSERT INTO team_member (case_id, role, person_id, added_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (case_id, role) DO UPDATE SET person_id = EXCLUDED.person_id, added_at = EXCLUDED.added_at""",
                caseId, role, personId, now);
    }

    public List<Views.Member> team(UUID caseId) {
        return db.list("SELECT role, person_id FROM team_member WHERE case_id = ? ORDER BY role",
                rs -> new Views.Member(rs.getString(1), rs.getString(2)), caseId);
    }

    public boolean onTeam(UUID caseId, String personId) {
        return db.count("SELECT count(*) FROM team_member WHERE case_id = ? AND person_id = ?", caseId, personId) > 0;
    }

    public Instant watchCoveredUntil(UUID caseId) {
        return db.one("SELECT max(to_at) FROM watch_shift WHERE case_id = ?", rs -> Db.instant(rs, "max"), caseId)
                .orElse(null);
    }

    public UUID addShift(UUID caseId, String watcherId, Instant from, Instant to, Instant now, String by) {
        UUID id = Ids.next();
        db.update("""
                INSERT INTO watch_shift (id, case_id, watcher_id, from_at, to_at, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", id, caseId, watcherId, from, to, now, by);
        return id;
    }

    public List<Views.Shift> shifts(UUID caseId) {
        return db.list("SELECT id, watcher_id, from_at, to_at FROM watch_shift WHERE case_id = ? ORDER BY from_at",
                rs -> new Views.Shift(Db.uuid(rs, "id"), rs.getString("watcher_id"), Db.instant(rs, "from_at"),
                        Db.instant(rs, "to_at")), caseId);
    }

    public List<Views.Source> sources(UUID caseId) {
        return db.list("SELECT kind, source_id, at FROM case_source WHERE case_id = ? ORDER BY at, kind",
                rs -> new Views.Source(rs.getString("kind"), Db.uuid(rs, "source_id"), Db.instant(rs, "at")),
                caseId);
    }

    public void insertReport(UUID id, UUID caseId, String district, String school, String channel, String reporterId,
            boolean anonymous, List<String> indicators, Instant noticedAt, Instant reportedAt, boolean late,
            String receiptCode, String note) {
        db.update("""
                INSERT INTO crisis_report (id, case_id, district, school, channel, reporter_id, anonymous, indicators,
                                           noticed_at, reported_at, late, receipt_code, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, caseId, district, school, channel, reporterId,
                anonymous, indicators.toArray(String[]::new), noticedAt, reportedAt, late, receiptCode, note);
    }

    public List<Views.Report> reports(UUID caseId, boolean privileged) {
        return db.list("""
                SELECT id, channel, indicators, noticed_at, reported_at, late, anonymous, reporter_id, note
                FROM crisis_report WHERE case_id = ? ORDER BY reported_at, id""",
                rs -> new Views.Report(Db.uuid(rs, "id"), rs.getString("channel"),
                        List.of((String[]) rs.getArray("indicators").getArray()), Db.instant(rs, "noticed_at"),
                        Db.instant(rs, "reported_at"), rs.getBoolean("late"), rs.getBoolean("anonymous"),
                        privileged ? rs.getString("reporter_id") : null, privileged ? rs.getString("note") : null),
                caseId);
    }

    // ---- lists

    /** Newest first; {@code districtOversight}: EXTREME or breached cases of the whole district. */
    public List<CaseListRow> list(String district, String school, boolean districtOversight, Status status,
            Level level, Boolean overdue, Instant now, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT " + CaseRow.COLUMNS + " " + """
                , (SELECT min(k.due_at) FROM case_clock k WHERE k.case_id = c.id AND k.met_at IS NULL
                   AND k.cancelled_at IS NULL) AS next_due
                FROM crisis_case c WHERE c.district = ?""");
        List<Object> args = new ArrayList<>(List.of(district));
        if (school != null) {
            sql.append(" AND c.school = ?");
            args.add(school);
        }
        if (districtOversight) {
            sql.append(" AND (c.level = 'EXTREME' OR c.breached)");
        }
        if (status != null) {
            sql.append(" AND c.status = ?");
            args.add(status);
        }
        if (level != null) {
            sql.append(" AND c.level = ?");
            args.add(level);
        }
        if (overdue != null) {
            sql.append(overdue ? " AND " : " AND NOT ").append("""
                    EXISTS (SELECT 1 FROM case_clock k WHERE k.case_id = c.id AND k.met_at IS NULL
                            AND k.cancelled_at IS NULL AND k.due_at < ?)""");
            args.add(now);
        }
        if (page.hasCursor()) {
            sql.append(" AND (c.opened_at, c.id) < (?, ?)");
            args.add(page.beforeAt());
            args.add(page.beforeId());
        }
        sql.append(" ORDER BY c.opened_at DESC, c.id DESC LIMIT ?");
        args.add(page.limit() + 1);
        return db.list(sql.toString(), rs -> new CaseListRow(CaseRow.map(rs), Db.instant(rs, "next_due")),
                args.toArray());
    }

    public record CaseListRow(CaseRow row, Instant nextDue) {
    }

    private String write(Map<String, Object> m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> read(String s) {
        if (s == null) {
            return null;
        }
        try {
            return json.readValue(s, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
