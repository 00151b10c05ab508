package io.heartline.training.schools;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.KeyPage;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Schools of the directory: counts for the school's staff and the district centre, never people's names. */
@Path("/api/v1/schools")
@RunOnVirtualThread
public class SchoolResource {

    private final SchoolQueries queries;
    private final CurrentCaller caller;

    SchoolResource(SchoolQueries queries, CurrentCaller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public SchoolView get(@PathParam("id") String id) {
        Caller c = caller.get();
        String district = c.requireDistrict();
        SchoolScope.require(c, id, "School");
        return queries.school(district, id).orElseThrow(() -> ProblemException.notFound("School"));
    }

    @GET
    @Path("/{id}/classes")
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Page<ClassView> classes(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Caller c = caller.get();
        String district = c.requireDistrict();
        KeyPage page = KeyPage.of(limit, cursor);
        SchoolScope.require(c, id, "School");
        return queries.classes(district, id, page).orElseThrow(() -> ProblemException.notFound("School"));
    }
}
