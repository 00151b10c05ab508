package io.heartline.training.rosterimport;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The facts about users that OneRoster keeps in other files than users.csv (roles, birth dates, class enrolments),
 * gathered in one pass so that each user row can be applied on its own. Holds a few short strings per person: about
 * 20 MB for 50 000 people (docs/training.md "Memory").
 */
final class OneRosterIndex {

    record RoleAt(String role, String orgId) {
    }

    final Map<String, RoleAt> roles = new HashMap<>();
    final Map<String, LocalDate> birthDates = new HashMap<>();
    final Map<String, String> studentClass = new HashMap<>();
    final Map<String, String> classType = new HashMap<>();
    final Map<String, String> classSchool = new HashMap<>();
    final Map<String, Integer> schoolsInFile = new HashMap<>();
    int orgRows;
    int classRows;

    static OneRosterIndex build(OneRosterBundle bundle) {
        OneRosterIndex index = new OneRosterIndex();
        bundle.read("orgs.csv", List.of("sourcedId", "type"), (row, v) -> {
            index.orgRows++;
            if ("school".equalsIgnoreCase(v.getOrDefault("type", "").strip())) {
                index.schoolsInFile.put(v.get("sourcedId").strip(), row);
            }
        });
        bundle.read("classes.csv", List.of("sourcedId", "schoolSourcedId"), (row, v) -> {
            index.classRows++;
            String id = v.get("sourcedId").strip();
            index.classType.put(id, v.getOrDefault("classType", "").strip().toLowerCase(Locale.ROOT));
            index.classSchool.put(id, v.get("schoolSourcedId").strip());
        });
        // OneRoster 1.2 keeps roles in roles.csv (a primary role per user); 1.1 has a role column in users.csv.
        bundle.read("roles.csv", List.of("userSourcedId", "role", "orgSourcedId"), (row, v) -> {
            if ("tobedeleted".equalsIgnoreCase(v.getOrDefault("status", "").strip())) {
                return;
            }
            String user = v.get("userSourcedId").strip();
            boolean primary = !"secondary".equalsIgnoreCase(v.getOrDefault("roleType", "primary").strip());
            if (primary || !index.roles.containsKey(user)) {
                index.roles.put(user, new RoleAt(v.get("role").strip().toLowerCase(Locale.ROOT),
                        v.get("orgSourcedId").strip()));
            }
        });
        bundle.read("demographics.csv", List.of("sourcedId", "birthDate"), (row, v) -> {
            String date = v.get("birthDate").strip();
            if (!date.isEmpty()) {
                try {
                    index.birthDates.put(v.get("sourcedId").strip(), LocalDate.parse(date.substring(0,
                            Math.min(10, date.length()))));
                } catch (java.time.format.DateTimeParseException e) {
                    // reported on the user's row: a student whose birth date cannot be read
                    index.birthDates.put(v.get("sourcedId").strip(), LocalDate.MIN);
                }
            }
        });
        bundle.read("enrollments.csv", List.of("classSourcedId", "userSourcedId", "role"), (row, v) -> {
            if (!"student".equalsIgnoreCase(v.get("role").strip())
                    || "tobedeleted".equalsIgnoreCase(v.getOrDefault("status", "").strip())) {
                return;
            }
            String user = v.get("userSourcedId").strip();
            String cls = v.get("classSourcedId").strip();
            String held = index.studentClass.get(user);
            // A student's class (班级) is their homeroom enrolment; other enrolments are subjects.
            if (held == null || (!"homeroom".equals(index.classType.get(held))
                    && "homeroom".equals(index.classType.get(cls)))) {
                index.studentClass.put(user, cls);
            }
        });
        return index;
    }
}
