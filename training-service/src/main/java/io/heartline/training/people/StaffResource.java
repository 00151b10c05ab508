package io.heartline.training.people;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.heartline.platform.web.PersonIds;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.KeyPage;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.training.directory.Person;
import io.heartline.training.directory.SchoolRole;
import io.smallrye.common.annotation.RunOnVirtualThread;

/**
 * Staff members of the directory. {@code hr-sync} (the HR feed's account) writes people but never reads their
 * details back; students never read staff records.
 */
@Path("/api/v1/staff")
@RunOnVirtualThread
public class StaffResource {

    private final StaffQueries queries;
    private final CurrentCaller caller;

    StaffResource(StaffQueries queries, CurrentCaller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Page<StaffView> list(@QueryParam("schoolId") String schoolId, @QueryParam("role") String role,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Caller c = caller.get();
        String district = c.requireDistrict();
        SchoolRole wanted = role == null || role.isBlank() ? null : SchoolRole.parse(role).orElseThrow(() ->
                ProblemException.badRequest("role is not a school role code",
                        List.of(new Problem.FieldError("role", "one of " + List.of(SchoolRole.values())))));
        KeyPage page = KeyPage.of(limit, cursor);
        String school = schoolOfList(c, schoolId);
        Page<Person> people = queries.activeStaff(district, school, wanted, page);
        // Every row is in scope (the query is limited to the school); the view trims roles held elsewhere.
        return new Page<>(people.items().stream().map(p -> StaffAccess.view(c, p).orElseThrow()).toList(),
                people.nextCursor());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public StaffView get(@PathParam("id") String id) {
        Caller c = caller.get();
        return queries.staffMember(c.requireDistrict(), PersonIds.require("id", id)).flatMap(p -> StaffAccess.view(c, p))
                .orElseThrow(() -> ProblemException.notFound("Staff member"));
    }

    /** District admins list any school of their district, or all of it; school callers only their own school. */
    private static String schoolOfList(Caller c, String schoolId) {
        String wanted = schoolId == null || schoolId.isBlank() ? null : schoolId;
        if (c.hasRole(Roles.DISTRICT_ADMIN)) {
            return wanted;
        }
        String own = c.requireSchool();
        if (wanted != null && !wanted.equals(own)) {
            throw ProblemException.notFound("School");
        }
        return own;
    }
}
