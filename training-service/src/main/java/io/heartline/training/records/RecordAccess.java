package io.heartline.training.records;

import java.sql.Connection;
import java.sql.SQLException;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.training.directory.DirectoryStore;
import io.heartline.training.directory.Person;

/**
 * Who sees a person's training records and certificates: the person themself, {@code district-admin} of the district,
 * {@code school-admin} of a school the person works at. Anyone else (and anyone outside the district): 404.
 */
public final class RecordAccess {

    private RecordAccess() {
    }

    public static boolean canSee(Caller caller, Person person) {
        if (!caller.inDistrict(person.district())) {
            return false;
        }
        if (caller.id().equals(person.personId()) || caller.hasRole(Roles.DISTRICT_ADMIN)) {
            return true;
        }
        String school = caller.school();
        return school != null && caller.hasRole(Roles.SCHOOL_ADMIN) && (school.equals(person.schoolId())
                || person.roles().stream().anyMatch(r -> school.equals(r.schoolId())));
    }

    /** The person whose records are asked for ({@code personId}, or the caller), or 404. */
    public static Person require(Connection c, Caller caller, String personId) throws SQLException {
        String district = caller.requireDistrict();
        String id = personId == null || personId.isBlank() ? caller.id() : personId;
        return DirectoryStore.byPersonId(c, district, id).filter(p -> canSee(caller, p))
                .orElseThrow(() -> ProblemException.notFound("Person"));
    }
}
