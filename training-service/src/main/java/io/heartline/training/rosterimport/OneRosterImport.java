package io.heartline.training.rosterimport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.heartline.training.directory.Change;
import io.heartline.training.directory.DirectoryStore;
import io.heartline.training.directory.Organisations.GuardianLink;
import io.heartline.training.directory.Outcome;
import io.heartline.training.directory.PersonInput;
import io.heartline.training.directory.PersonKind;
import io.heartline.training.directory.School;
import io.heartline.training.directory.SchoolClass;

/**
 * A OneRoster CSV bundle: schools (orgs), classes, students and guardians (users with roles, birth dates from
 * demographics, classes from enrolments), then guardian links ({@code agentSourcedIds}), then, for a {@code bulk}
 * users file, the deactivation of students and guardians it no longer lists. Staff users are skipped: HR is their
 * source. In a {@code delta} file, {@code status=tobedeleted} deactivates and an older {@code dateLastModified} than
 * the one held changes nothing.
 */
final class OneRosterImport implements ImportSource {

    private static final List<PersonKind> ROSTER_KINDS = List.of(PersonKind.STUDENT, PersonKind.GUARDIAN);

    private final OneRosterBundle bundle;
    private final String district;
    private OneRosterIndex index;
    private List<String> absentFromBulk = List.of();

    OneRosterImport(Path zip, String district) {
        this.bundle = OneRosterBundle.open(zip);
        this.district = district;
    }

    @Override
    public Precheck precheck(Connection c) throws SQLException {
        index = OneRosterIndex.build(bundle);
        Set<String> listed = new HashSet<>();
        int[] leavers = {0};
        int[] users = {0};
        bundle.read("users.csv", List.of("sourcedId"), (row, v) -> {
            users[0]++;
            String id = v.get("sourcedId").strip();
            listed.add(id);
            if ("tobedeleted".equalsIgnoreCase(v.getOrDefault("status", "").strip())) {
                leavers[0]++;
            }
        });
        long deactivations = leavers[0];
        if (bundle.mode("users.csv") == OneRosterBundle.Mode.BULK) {
            absentFromBulk = activeRosterPeopleNotIn(c, listed);
            deactivations += absentFromBulk.size();
        }
        // users.csv is applied in two passes (people, then guardian links): each of its rows counts twice.
        int rows = index.orgRows + index.classRows + 2 * users[0] + absentFromBulk.size();
        return new Precheck(rows, deactivations, DirectoryStore.countActive(c, district, ROSTER_KINDS));
    }

    private List<String> activeRosterPeopleNotIn(Connection c, Set<String> listed) throws SQLException {
        List<String> absent = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT person_id, source_id FROM person
                WHERE district = ? AND active AND source = 'ONEROSTER' AND kind IN ('STUDENT', 'GUARDIAN')
                ORDER BY person_id""")) {
            ps.setString(1, district);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!listed.contains(rs.getString(2))) {
                        absent.add(rs.getString(1));
                    }
                }
            }
        }
        return absent;
    }

    @Override
    public void apply(ImportSession s, Writers w) {
        schools(s, w);
        classes(s, w);
        Map<String, PersonKind> kinds = users(s, w);
        links(s, w, kinds);
        ImportSession.Batcher<String> leavers = s.batcher(batch -> {
            for (Outcome o : w.directory().deactivate(district, batch, "ABSENT_FROM_BULK", s.trace, s.job.id(),
                    w.publish())) {
                s.outcome("users.csv", null, "user", o.input().sourceId(), o.personId(), o.change(),
                        o.reason() == null ? "absent from the bulk users.csv"
                                : "absent from the bulk users.csv; " + o.reason());
            }
        });
        absentFromBulk.forEach(leavers::add);
        leavers.flush();
    }

    private void schools(ImportSession s, Writers w) {
        ImportSession.Batcher<SourceRow<School>> b = s.batcher(batch -> {
            List<Change> changes = w.organisations().upsertSchools(district,
                    batch.stream().map(SourceRow::value).toList());
            for (int i = 0; i < batch.size(); i++) {
                SourceRow<School> r = batch.get(i);
                s.outcome(r.file(), r.row(), "org", r.sourceId(), null, changes.get(i), null);
            }
        });
        Map<String, Integer> seen = new HashMap<>();
        bundle.read("orgs.csv", List.of("sourcedId", "type", "name"), (row, v) -> {
            SourceRow<School> r = OneRosterRows.org(row, v, district);
            if (r == null) {
                b.add(null);
                return;
            }
            r = r.unlessDuplicate(seen);
            if (r.isOk()) {
                b.add(r);
            } else {
                s.refused(r, "org");
                b.add(null);
            }
        });
        b.flush();
    }

    private void classes(ImportSession s, Writers w) {
        ImportSession.Batcher<SourceRow<SchoolClass>> b = s.batcher(batch -> {
            List<Change> changes = w.organisations().upsertClasses(district,
                    batch.stream().map(SourceRow::value).toList());
            for (int i = 0; i < batch.size(); i++) {
                SourceRow<SchoolClass> r = batch.get(i);
                s.outcome(r.file(), r.row(), "class", r.sourceId(), null, changes.get(i), null);
            }
        });
        Map<String, Integer> seen = new HashMap<>();
        bundle.read("classes.csv", List.of("sourcedId", "title", "schoolSourcedId"), (row, v) -> {
            SourceRow<SchoolClass> r = OneRosterRows.schoolClass(row, v, district).unlessDuplicate(seen);
            if (r.isOk() && !index.schoolsInFile.containsKey(r.value().schoolId())
                    && !heldSchools.computeIfAbsent(r.value().schoolId(),
                            id -> w.organisations().schoolExists(district, id))) {
                r = SourceRow.refused(r.file(), r.row(), r.sourceId(),
                        List.of("school " + r.value().schoolId() + " is neither in orgs.csv nor in the directory"));
            }
            if (r.isOk()) {
                b.add(r);
            } else {
                s.refused(r, "class");
                b.add(null);
            }
        });
        b.flush();
    }

    private final Map<String, Boolean> heldSchools = new HashMap<>();

    /** Applies users.csv; returns the kind of each accepted person, for the links pass. */
    private Map<String, PersonKind> users(ImportSession s, Writers w) {
        Map<String, PersonKind> kinds = new HashMap<>();
        ImportSession.Batcher<SourceRow<PersonInput>> b = s.batcher(batch -> {
            List<Outcome> outcomes = w.directory().apply(district, keepWhatWasNotSent(w, batch), s.trace,
                    s.job.id(), w.publish());
            for (int i = 0; i < batch.size(); i++) {
                SourceRow<PersonInput> r = batch.get(i);
                Outcome o = outcomes.get(i);
                s.outcome(r.file(), r.row(), "user", r.sourceId(), o.personId(), o.change(), o.reason());
            }
        });
        Map<String, Integer> seen = new HashMap<>();
        bundle.read("users.csv", List.of("sourcedId"), (row, v) -> {
            SourceRow<PersonInput> r = OneRosterRows.user(row, v, index);
            if (r == null) {
                s.skipped("users.csv", row, "user", v.get("sourcedId"), "staff come from the HR file or SCIM");
                b.add(null);
                return;
            }
            r = r.unlessDuplicate(seen);
            if (r.isOk()) {
                kinds.put(r.sourceId(), r.value().kind());
                b.add(r);
            } else {
                s.refused(r, "user");
                b.add(null);
            }
        });
        b.flush();
        return kinds;
    }

    /**
     * A class or birth date the bundle does not state (no enrolments or demographics file in bulk) is kept as held,
     * so that a delta of users alone does not unenrol everyone.
     */
    private List<PersonInput> keepWhatWasNotSent(Writers w, List<SourceRow<PersonInput>> batch) {
        boolean classesStated = bundle.mode("enrollments.csv") == OneRosterBundle.Mode.BULK;
        boolean birthDatesStated = bundle.mode("demographics.csv") == OneRosterBundle.Mode.BULK;
        List<PersonInput> inputs = batch.stream().map(SourceRow::value).toList();
        if (classesStated && birthDatesStated) {
            return inputs;
        }
        var held = w.directory().held(district, inputs.stream().map(PersonInput::sourceId).toList());
        return inputs.stream().map(in -> {
            var h = held.get(in.sourceId());
            if (h == null || in.kind() != PersonKind.STUDENT) {
                return in;
            }
            String cls = in.classId() == null && !classesStated ? h.classId() : in.classId();
            var dob = in.dateOfBirth() == null && !birthDatesStated ? h.dateOfBirth() : in.dateOfBirth();
            return new PersonInput(in.kind(), in.source(), in.sourceId(), in.previousSourceId(), in.userName(),
                    in.displayName(), in.givenName(), in.familyName(), in.schoolId(), cls, dob, in.email(),
                    in.phone(), in.department(), in.active(), in.roles(), in.sourceModifiedAt());
        }).toList();
    }

    private void links(ImportSession s, Writers w, Map<String, PersonKind> kinds) {
        record Pending(int row, GuardianLink link) {
        }
        ImportSession.Batcher<Pending> b = s.batcher(batch -> {
            List<Change> changes = w.organisations().link(district, batch.stream().map(Pending::link).toList(),
                    s.trace, w.publish());
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                String id = p.link().studentId() + "/" + p.link().guardianId();
                if (changes.get(i) == Change.ERROR) {
                    s.refused(SourceRow.refused("users.csv", p.row(), id,
                            List.of("guardian link: the student or the guardian is not in the directory")),
                            "guardian-link");
                } else {
                    s.outcome("users.csv", p.row(), "guardian-link", id, p.link().studentId(), changes.get(i),
                            null);
                }
            }
        });
        Set<String> linked = new HashSet<>();
        bundle.read("users.csv", List.of("sourcedId"), (row, v) -> {
            String id = v.get("sourcedId").strip();
            PersonKind kind = kinds.get(id);
            boolean counted = false;
            for (String agent : OneRosterRows.agents(v)) {
                String student = kind == PersonKind.STUDENT ? id : agent;
                String guardian = kind == PersonKind.STUDENT ? agent : id;
                if (kind == null || !linked.add(student + "\n" + guardian)) {
                    continue;
                }
                OneRosterIndex.RoleAt role = index.roles.get(guardian);
                String relationship = role == null ? "GUARDIAN" : role.role().toUpperCase(Locale.ROOT);
                b.add(new Pending(row, new GuardianLink(student, guardian,
                        OneRosterRows.GUARDIAN_ROLES.contains(role == null ? "" : role.role()) ? relationship
                                : "GUARDIAN")), !counted);
                counted = true;
            }
            if (!counted) {
                b.add(null);
            }
        });
        b.flush();
    }


    @Override
    public void close() {
        bundle.close();
    }
}
