package io.heartline.training.schools;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** One class: its teachers and student count; the student id list only for those who work with the students. */
@Path("/api/v1/classes")
@RunOnVirtualThread
public class ClassResource {

    private final SchoolQueries queries;
    private final CurrentCaller caller;

    ClassResource(SchoolQueries queries, CurrentCaller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public ClassView get(@PathParam("id") String id) {
        Caller c = caller.get();
        String district = c.requireDistrict();
        ClassView found = queries.schoolClass(district, id)
                .filter(k -> SchoolScope.mayRead(c, k.schoolId()))
                .orElseThrow(() -> ProblemException.notFound("Class"));
        return ClassAccess.mayListStudents(c, found) ? found.withStudentIds(queries.studentIds(district, id)) : found;
    }
}
