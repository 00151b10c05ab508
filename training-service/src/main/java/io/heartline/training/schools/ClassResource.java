package io.heartline.training.schools;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.heartline.platform.web.PersonId;
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
    private final Representatives representatives;

    ClassResource(SchoolQueries queries, CurrentCaller caller, Representatives representatives) {
        this.queries = queries;
        this.caller = caller;
        this.representatives = representatives;
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
        return ClassAccess.mayListStudents(c, found)
                ? found.withStudentIds(queries.studentIds(district, id), representatives.of(district, id))
                : found;
    }

    /** Who may appoint: the class's own class teacher and the school's psychologists and admins. */
    public record RepresentativesRequest(@NotNull @Size(max = 50) List<@NotNull @PersonId String> studentIds) {
    }

    @PUT
    @Path("/{id}/psychology-representatives")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN })
    @Operation(summary = "Replace the class's psychology representatives (心理委员): active students of the class.")
    public ClassView appoint(@PathParam("id") String id, @Valid @NotNull RepresentativesRequest body) {
        Caller c = caller.get();
        String district = c.requireDistrict();
        ClassView found = queries.schoolClass(district, id)
                .filter(k -> SchoolScope.mayRead(c, k.schoolId()))
                .orElseThrow(() -> ProblemException.notFound("Class"));
        if (!ClassAccess.mayListStudents(c, found)) {
            throw ProblemException.forbidden("Only the class's class teacher and the school's psychology staff and "
                    + "admins appoint its psychology representatives");
        }
        List<String> students = queries.studentIds(district, id);
        List<String> appointed = representatives.replace(district, id, body.studentIds(), c.id(), students);
        return found.withStudentIds(students, appointed);
    }
}
