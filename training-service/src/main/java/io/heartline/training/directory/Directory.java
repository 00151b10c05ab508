package io.heartline.training.directory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.messaging.Outbox;
import io.heartline.platform.web.Trace;

/**
 * The one way people enter and change in the directory, whatever the source (HR file, OneRoster, SCIM): compares
 * what the source says with what is held, writes the difference in batches and appends the events it implies, all in
 * the caller's transaction. Re-sending the same records changes nothing and publishes nothing.
 */
@ApplicationScoped
public class Directory {

    /** The report's reason on a deactivation of someone with an open crisis case. */
    public static final String OPEN_CRISIS_CASE = "has an open crisis case: tell the school's psychology staff";

    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;

    Directory(AgroalDataSource dataSource, Outbox outbox, Clock clock) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Applies a batch of source records (distinct source ids) of one district. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Outcome> apply(String district, List<PersonInput> inputs, Trace trace, UUID importId) {
        return apply(district, inputs, trace, importId, true);
    }

    /**
     * As {@link #apply(String, List, Trace, UUID)}; {@code publish} false for a dry run, whose transaction is rolled
     * back: it writes no events (they would only leave dead rows in the outbox for the relay to step over).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Outcome> apply(String district, List<PersonInput> inputs, Trace trace, UUID importId,
            boolean publish) {
        try (Connection c = dataSource.getConnection()) {
            return new Batch(c, district, trace, importId, publish).apply(inputs);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write people to the directory", e);
        }
    }

    /** What the directory holds for these source ids (a delta source fills in what it did not send). */
    public Map<String, Person> held(String district, java.util.Collection<String> sourceIds) {
        try (Connection c = dataSource.getConnection()) {
            return DirectoryStore.bySourceIds(c, district, sourceIds);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read people of the directory", e);
        }
    }

    /** Deactivates the listed people (e.g. absent from a bulk file); people already inactive are left alone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Outcome> deactivate(String district, List<String> personIds, String reasonCode, Trace trace,
            UUID importId, boolean publish) {
        try (Connection c = dataSource.getConnection()) {
            Batch batch = new Batch(c, district, trace, importId, publish);
            Map<String, Person> held = DirectoryStore.byPersonIds(c, district, personIds);
            List<PersonInput> inputs = new ArrayList<>();
            for (String id : personIds) {
                Person p = held.get(id);
                if (p != null) {
                    inputs.add(batch.asInput(p).withActive(false));
                }
            }
            batch.reasonCode = reasonCode;
            return batch.apply(inputs);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot deactivate people in the directory", e);
        }
    }

    private final class Batch {
        private final Connection c;
        private final String district;
        private final UUID importId;
        private final DirectoryEvents events;
        private final boolean publish;
        private final Instant now = clock.instant();
        private String reasonCode = "SOURCE_INACTIVE";

        Batch(Connection c, String district, Trace trace, UUID importId, boolean publish) {
            this.publish = publish;
            this.c = c;
            this.district = district;
            this.importId = importId;
            this.events = new DirectoryEvents(district, trace);
        }

        PersonInput asInput(Person p) {
            return new PersonInput(p.kind(), p.source(), p.sourceId(), null, p.userName(), p.displayName(),
                    p.givenName(), p.familyName(), p.schoolId(), p.classId(), p.dateOfBirth(), p.email(), p.phone(),
                    p.department(), p.active(), p.roles(), p.sourceModifiedAt());
        }

        List<Outcome> apply(List<PersonInput> inputs) throws SQLException {
            Set<String> sourceIds = new LinkedHashSet<>();
            for (PersonInput in : inputs) {
                sourceIds.add(in.sourceId());
                if (in.previousSourceId() != null) {
                    sourceIds.add(in.previousSourceId());
                }
            }
            Map<String, Person> bySource = DirectoryStore.bySourceIds(c, district, sourceIds);
            Map<String, Person> byPersonId = DirectoryStore.byPersonIds(c, district, sourceIds);

            List<Outcome> outcomes = new ArrayList<>();
            List<Person> inserts = new ArrayList<>();
            List<Person> updates = new ArrayList<>();
            Map<String, List<RoleAssignment>> roleSets = new LinkedHashMap<>();
            List<String[]> rekeys = new ArrayList<>();
            List<Person[]> changed = new ArrayList<>(); // {before or null, after}
            for (PersonInput in : inputs) {
                Person held = bySource.get(in.sourceId());
                Person previous = in.previousSourceId() == null ? null : bySource.get(in.previousSourceId());
                boolean rekey = false;
                if (previous != null && !in.previousSourceId().equals(in.sourceId())) {
                    if (held != null && !held.personId().equals(previous.personId())) {
                        outcomes.add(Outcome.error(in, "both " + in.sourceId() + " and previous id "
                                + in.previousSourceId() + " belong to different people; merge them by hand"));
                        continue;
                    }
                    if (held == null) {
                        held = previous;
                        rekey = true;
                    }
                }
                if (held == null) {
                    Person taken = byPersonId.get(in.sourceId());
                    if (taken != null) {
                        outcomes.add(Outcome.error(in, "id " + in.sourceId()
                                + " was the first id of another person who was re-keyed; it cannot be reused"));
                        continue;
                    }
                    if (!in.active()) {
                        outcomes.add(new Outcome(in, null, Change.UNCHANGED, "inactive and not in the directory"));
                        continue;
                    }
                    Person created = create(in);
                    inserts.add(created);
                    if (!created.roles().isEmpty()) {
                        roleSets.put(created.personId(), created.roles());
                    }
                    changed.add(new Person[] {null, created});
                    outcomes.add(new Outcome(in, created.personId(), Change.CREATED, null));
                    continue;
                }
                if (held.kind() != in.kind()) {
                    outcomes.add(Outcome.error(in, "id " + in.sourceId() + " belongs to a person of type "
                            + held.kind() + ", not " + in.kind()));
                    continue;
                }
                if (in.sourceModifiedAt() != null && held.sourceModifiedAt() != null
                        && in.sourceModifiedAt().isBefore(held.sourceModifiedAt())) {
                    outcomes.add(new Outcome(in, held.personId(), Change.UNCHANGED,
                            "older than the record held (dateLastModified)"));
                    continue;
                }
                if (held.sameAs(in)) {
                    outcomes.add(new Outcome(in, held.personId(), Change.UNCHANGED, null));
                    continue;
                }
                Person after = update(held, in);
                updates.add(after);
                if (!held.roles().equals(after.roles())) {
                    roleSets.put(after.personId(), after.roles());
                }
                if (rekey) {
                    rekeys.add(new String[] {held.personId(), held.sourceId(), after.sourceId()});
                }
                changed.add(new Person[] {held, after});
                Change change = rekey ? Change.REKEYED
                        : !held.active() && after.active() ? Change.REACTIVATED
                        : held.active() && !after.active() ? Change.DEACTIVATED
                        : Change.UPDATED;
                outcomes.add(new Outcome(in, held.personId(), change, null));
            }
            flagOpenCrisisCases(outcomes);
            DirectoryStore.save(c, inserts, updates);
            DirectoryStore.replaceRoles(c, district, roleSets);
            DirectoryStore.recordRekeys(c, district, rekeys, now, importId);
            if (publish) {
                outbox.appendAll(events(changed));
            }
            return outcomes;
        }

        /** A leaver with an open crisis case is still deactivated, but the report says so: someone must follow up. */
        private void flagOpenCrisisCases(List<Outcome> outcomes) throws SQLException {
            List<String> leaving = outcomes.stream().filter(o -> o.change() == Change.DEACTIVATED)
                    .map(Outcome::personId).toList();
            Set<String> open = DirectoryStore.withOpenCrisisCase(c, district, leaving);
            if (open.isEmpty()) {
                return;
            }
            outcomes.replaceAll(o -> o.change() == Change.DEACTIVATED && open.contains(o.personId())
                    ? new Outcome(o.input(), o.personId(), o.change(), OPEN_CRISIS_CASE) : o);
        }

        private Person create(PersonInput in) {
            return new Person(district, in.sourceId(), in.kind(), in.source(), in.sourceId(), in.userName(),
                    in.displayName(), in.givenName(), in.familyName(), in.schoolId(), in.classId(), in.dateOfBirth(),
                    in.email(), in.phone(), in.department(), true, in.roles(), in.sourceModifiedAt(), now, now, 1);
        }

        private Person update(Person held, PersonInput in) {
            return new Person(district, held.personId(), held.kind(), in.source(), in.sourceId(), in.userName(),
                    in.displayName(), in.givenName(), in.familyName(), in.schoolId(), in.classId(), in.dateOfBirth(),
                    in.email(), in.phone(), in.department(), in.active(), in.roles(),
                    in.sourceModifiedAt() == null ? held.sourceModifiedAt() : in.sourceModifiedAt(),
                    held.createdAt(), now, held.version() + 1);
        }

        /** The events a set of changes implies, in the order a consumer needs them. */
        private List<OutgoingEvent> events(List<Person[]> changed) throws SQLException {
            Set<String> classIds = new HashSet<>();
            Map<String, String> taughtClassSchool = new LinkedHashMap<>();
            for (Person[] pair : changed) {
                for (Person p : pair) {
                    if (p != null && p.classId() != null) {
                        classIds.add(p.classId());
                    }
                }
                for (String cls : classTeacherDelta(pair[0], pair[1])) {
                    taughtClassSchool.put(cls, schoolOfClass(pair, cls));
                }
            }
            classIds.addAll(taughtClassSchool.keySet());
            Map<String, SchoolClass> classes = DirectoryStore.classes(c, district, classIds);

            List<OutgoingEvent> out = new ArrayList<>();
            for (Person[] pair : changed) {
                Person before = pair[0];
                Person after = pair[1];
                boolean wasActive = before != null && before.active();
                if (!wasActive && after.active()) {
                    out.add(events.activated(after, classOf(classes, after)));
                    if (after.kind() == PersonKind.STUDENT && after.classId() != null) {
                        out.add(events.enrolled(after, classOf(classes, after)));
                    }
                } else if (wasActive && !after.active()) {
                    out.add(events.deactivated(after, reasonCode));
                    if (before.kind() == PersonKind.STUDENT && before.classId() != null) {
                        out.add(events.left(after, before.classId(), before.schoolId(), "DEACTIVATED"));
                    }
                } else if (wasActive) {
                    if (!before.roles().equals(after.roles())) {
                        out.add(events.rolesChanged(after, before.roles()));
                    }
                    if (after.kind() == PersonKind.STUDENT) {
                        studentChanges(out, classes, before, after);
                    }
                }
            }
            if (!taughtClassSchool.isEmpty()) {
                Map<String, List<String>> teachers = DirectoryStore.classTeachers(c, district,
                        taughtClassSchool.keySet());
                for (var e : taughtClassSchool.entrySet()) {
                    SchoolClass cls = classes.getOrDefault(e.getKey(),
                            new SchoolClass(district, e.getKey(), e.getValue(), e.getKey(), null, null, true));
                    out.add(events.classTeachers(cls, teachers.get(e.getKey())));
                }
            }
            return out;
        }

        private void studentChanges(List<OutgoingEvent> out, Map<String, SchoolClass> classes, Person before,
                Person after) {
            String from = before.classId();
            String to = after.classId();
            if (from == null && to != null) {
                out.add(events.enrolled(after, classOf(classes, after)));
            } else if (from != null && to == null) {
                out.add(events.left(after, from, before.schoolId(), "UNENROLLED"));
            } else if (from != null && !from.equals(to)) {
                out.add(events.moved(after, classOf(classes, after), from, before.schoolId()));
            } else if (to != null && (!Objects.equals(before.dateOfBirth(), after.dateOfBirth())
                    || !Objects.equals(before.schoolId(), after.schoolId()))) {
                out.add(events.enrolled(after, classOf(classes, after)));
            }
        }

        private SchoolClass classOf(Map<String, SchoolClass> classes, Person p) {
            if (p.classId() == null) {
                return null;
            }
            return classes.getOrDefault(p.classId(),
                    new SchoolClass(district, p.classId(), p.schoolId(), p.classId(), null, null, true));
        }
    }

    /** Classes whose class-teacher set a change touches: taught before or after, but not the same way both times. */
    static Set<String> classTeacherDelta(Person before, Person after) {
        Set<String> was = taught(before);
        Set<String> is = taught(after);
        Set<String> delta = new LinkedHashSet<>();
        for (String cls : was) {
            if (!is.contains(cls)) {
                delta.add(cls);
            }
        }
        for (String cls : is) {
            if (!was.contains(cls)) {
                delta.add(cls);
            }
        }
        return delta;
    }

    private static Set<String> taught(Person p) {
        Set<String> classes = new LinkedHashSet<>();
        if (p != null && p.active()) {
            p.roles().stream().filter(r -> r.role() == SchoolRole.CLASS_TEACHER)
                    .forEach(r -> classes.addAll(r.classIds()));
        }
        return classes;
    }

    private static String schoolOfClass(Person[] pair, String cls) {
        for (int i = pair.length - 1; i >= 0; i--) {
            if (pair[i] != null) {
                for (RoleAssignment r : pair[i].roles()) {
                    if (r.classIds().contains(cls)) {
                        return r.schoolId();
                    }
                }
            }
        }
        return null;
    }
}
