package io.heartline.training.rosterimport;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.heartline.training.directory.PersonInput;
import io.heartline.training.directory.PersonKind;
import io.heartline.training.directory.PersonSource;
import io.heartline.training.directory.School;
import io.heartline.training.directory.SchoolClass;

/** OneRoster rows to directory records. Pure: every check that needs no database happens here. */
final class OneRosterRows {

    static final Set<String> GUARDIAN_ROLES = Set.of("parent", "guardian", "relative");
    static final Set<String> STAFF_ROLES = Set.of("teacher", "administrator", "aide", "proctor", "principal",
            "districtadministrator", "siteadministrator", "systemadministrator");

    private OneRosterRows() {
    }

    static SourceRow<School> org(int row, Map<String, String> v, String district) {
        Fields f = new Fields(v);
        String id = f.id("sourcedId", true);
        String type = f.required("type");
        String name = f.required("name");
        if (type != null && !type.equalsIgnoreCase("school")) {
            return null; // districts, departments and the like are not schools; the district is the token's
        }
        String parent = f.text("parentSourcedId");
        if (parent != null && !parent.equals(district)) {
            f.errors.add("parentSourcedId '" + parent + "' is not the district of this import");
        }
        return f.errors.isEmpty() ? SourceRow.ok("orgs.csv", row, id, new School(district, id, name, active(f)))
                : SourceRow.refused("orgs.csv", row, id, f.errors);
    }

    static SourceRow<SchoolClass> schoolClass(int row, Map<String, String> v, String district) {
        Fields f = new Fields(v);
        String id = f.id("sourcedId", true);
        String title = f.required("title");
        String school = f.id("schoolSourcedId", true);
        List<String> grades = f.codes("grades");
        String type = f.text("classType");
        SchoolClass cls = new SchoolClass(district, id, school, title, grades.isEmpty() ? null : grades.get(0),
                type == null ? null : type.toLowerCase(Locale.ROOT), active(f));
        return f.errors.isEmpty() ? SourceRow.ok("classes.csv", row, id, cls)
                : SourceRow.refused("classes.csv", row, id, f.errors);
    }

    /** A user row as a student or guardian; null for staff (HR is their source) so the caller can skip it. */
    static SourceRow<PersonInput> user(int row, Map<String, String> v, OneRosterIndex index) {
        Fields f = new Fields(v);
        String id = f.id("sourcedId", true);
        OneRosterIndex.RoleAt roleAt = id == null ? null : index.roles.get(id);
        String role = roleAt != null ? roleAt.role()
                : v.getOrDefault("role", "").strip().toLowerCase(Locale.ROOT);
        if (STAFF_ROLES.contains(role)) {
            return null;
        }
        PersonKind kind = "student".equals(role) ? PersonKind.STUDENT
                : GUARDIAN_ROLES.contains(role) ? PersonKind.GUARDIAN : null;
        if (kind == null) {
            f.errors.add(role.isEmpty() ? "the user has no role (roles.csv or role column)"
                    : "role '" + role + "' is not a OneRoster user role");
        }
        String org = roleAt != null ? roleAt.orgId() : firstOrg(f);
        String school = null;
        String classId = null;
        LocalDate dob = null;
        if (kind == PersonKind.STUDENT) {
            school = org;
            if (school == null) {
                f.errors.add("a student needs a school (roles.csv orgSourcedId or primaryOrgSourcedId)");
            }
            classId = id == null ? null : index.studentClass.get(id);
            if (classId != null && school != null && index.classSchool.containsKey(classId)
                    && !school.equals(index.classSchool.get(classId))) {
                f.errors.add("class " + classId + " belongs to another school than the student");
            }
            dob = id == null ? null : index.birthDates.get(id);
            if (LocalDate.MIN.equals(dob)) {
                f.errors.add("demographics.csv birthDate is not a date (YYYY-MM-DD)");
            }
        }
        String given = f.text("givenName");
        String family = f.text("familyName");
        String email = f.text("email");
        String phone = f.text("sms") != null ? f.text("sms") : f.text("phone");
        java.time.Instant modified = f.instant("dateLastModified");
        boolean active = active(f);
        if (!f.errors.isEmpty()) {
            return SourceRow.refused("users.csv", row, id, f.errors);
        }
        PersonInput input = new PersonInput(kind, PersonSource.ONEROSTER, id, null, null,
                null, given, family, school, classId, dob, email, phone, null, active, List.of(), modified);
        return SourceRow.ok("users.csv", row, id, input);
    }

    static List<String> agents(Map<String, String> v) {
        String agents = v.getOrDefault("agentSourcedIds", "");
        return java.util.Arrays.stream(agents.split("[;,]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String firstOrg(Fields f) {
        String primary = f.text("primaryOrgSourcedId");
        if (primary != null) {
            return primary;
        }
        List<String> orgs = f.ids("orgSourcedIds");
        return orgs.isEmpty() ? null : orgs.get(0);
    }

    private static boolean active(Fields f) {
        String status = f.text("status");
        if (status == null || status.equalsIgnoreCase("active")) {
            return true;
        }
        if (status.equalsIgnoreCase("tobedeleted") || status.equalsIgnoreCase("inactive")) {
            return false;
        }
        f.errors.add("status must be active or tobedeleted, not '" + status + "'");
        return true;
    }
}
