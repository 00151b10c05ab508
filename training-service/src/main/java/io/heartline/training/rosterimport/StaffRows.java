package io.heartline.training.rosterimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.heartline.training.directory.PersonInput;
import io.heartline.training.directory.PersonKind;
import io.heartline.training.directory.PersonSource;
import io.heartline.training.directory.RoleAssignment;
import io.heartline.training.directory.SchoolRole;

/**
 * One row of the HR staff file (docs/training.md "HR staff file") to a directory record. Pure: every check that needs
 * no database happens here, so a bad row is reported with all its reasons and never reaches the directory.
 */
public final class StaffRows {

    public static final List<String> REQUIRED_COLUMNS = List.of("employeeNumber", "displayName", "districtId");

    private StaffRows() {
    }

    public static SourceRow<PersonInput> read(String file, int row, Map<String, String> values, String district) {
        Fields f = new Fields(values);
        String employeeNumber = f.id("employeeNumber", true);
        String previous = f.id("previousEmployeeNumber", false);
        String displayName = f.required("displayName");
        String districtId = f.required("districtId");
        String schoolId = f.id("schoolId", false);
        List<String> roleCodes = f.codes("roles");
        List<String> classIds = f.ids("classIds");
        Boolean fullTime = f.bool("fullTime", Boolean.TRUE);
        String status = Optional.ofNullable(f.text("status")).orElse("active").toLowerCase(java.util.Locale.ROOT);
        if (districtId != null && !districtId.equals(district)) {
            f.errors.add("districtId '" + districtId + "' is not the district of this import");
        }
        if (!status.equals("active") && !status.equals("inactive")) {
            f.errors.add("status must be active or inactive, not '" + status + "'");
        }
        List<RoleAssignment> roles = new ArrayList<>();
        for (String code : roleCodes) {
            Optional<SchoolRole> role = SchoolRole.parse(code);
            if (role.isEmpty()) {
                f.errors.add("roles has unknown code '" + code + "'");
                continue;
            }
            boolean classTeacher = role.get() == SchoolRole.CLASS_TEACHER;
            roles.add(new RoleAssignment(role.get(), schoolId, classTeacher ? classIds : List.of(),
                    Boolean.TRUE.equals(fullTime)));
        }
        if (!roles.isEmpty() && schoolId == null) {
            f.errors.add("schoolId is required for school roles");
        }
        if (!classIds.isEmpty() && !roleCodes.contains(SchoolRole.CLASS_TEACHER.name())) {
            f.errors.add("classIds are given but roles has no CLASS_TEACHER");
        }
        if (roleCodes.contains(SchoolRole.CLASS_TEACHER.name()) && classIds.isEmpty()) {
            f.errors.add("CLASS_TEACHER needs classIds");
        }
        if (employeeNumber != null && employeeNumber.equals(previous)) {
            previous = null;
        }
        if (!f.errors.isEmpty()) {
            return SourceRow.refused(file, row, employeeNumber, f.errors);
        }
        PersonInput input = new PersonInput(PersonKind.STAFF, PersonSource.HR, employeeNumber, previous, null,
                displayName, f.text("givenName"), f.text("familyName"), schoolId, null, null, f.text("email"),
                f.text("phone"), f.text("department"), status.equals("active"), roles, null);
        return f.errors.isEmpty() ? SourceRow.ok(file, row, employeeNumber, input)
                : SourceRow.refused(file, row, employeeNumber, f.errors);
    }
}
