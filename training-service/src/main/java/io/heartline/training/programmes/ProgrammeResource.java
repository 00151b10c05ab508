package io.heartline.training.programmes;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import jakarta.validation.Valid;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.KeyPage;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.training.programmes.ProgrammeModel.AttendanceInput;
import io.heartline.training.programmes.ProgrammeModel.CloseResult;
import io.heartline.training.programmes.ProgrammeModel.Course;
import io.heartline.training.programmes.ProgrammeModel.CreateProgramme;
import io.heartline.training.programmes.ProgrammeModel.Enrol;
import io.heartline.training.programmes.ProgrammeModel.EnrolResult;
import io.heartline.training.programmes.ProgrammeModel.ProgrammeView;
import io.heartline.training.programmes.ProgrammeModel.RequirementInput;
import io.heartline.training.programmes.ProgrammeModel.ResultView;
import io.heartline.training.programmes.ProgrammeModel.ScoreInput;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Programmes (courses with weighted assessment): API.md "training-service: records". */
@Path("/api/v1/programmes")
@RunOnVirtualThread
public class ProgrammeResource {


    private final Programmes programmes;
    private final CurrentCaller caller;

    ProgrammeResource(Programmes programmes, CurrentCaller caller) {
        this.programmes = programmes;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({ Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN })
    public Response create(@NotNull CreateProgramme body) {
        ProgrammeView v = programmes.create(caller.get(), body);
        return Response.created(URI.create("/api/v1/programmes/" + v.id())).entity(v).build();
    }

    @GET
    @RolesAllowed({ Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN })
    public Page<ProgrammeView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return programmes.list(caller.get(), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public ProgrammeView get(@PathParam("id") String id) {
        return programmes.get(caller.get(), uuid(id));
    }

    @POST
    @Path("/{id}/courses")
    @RolesAllowed({ Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN })
    public Response addCourse(@PathParam("id") String id, @NotNull Course body) {
        Course c = programmes.addCourse(caller.get(), uuid(id), body);
        return Response.created(URI.create("/api/v1/programmes/" + id + "/courses/" + c.id())).entity(c).build();
    }

    @GET
    @Path("/{id}/courses")
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public List<Course> courses(@PathParam("id") String id) {
        return programmes.courses(caller.get(), uuid(id));
    }

    @POST
    @Path("/{id}/enrolments")
    @RolesAllowed({ Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN })
    public EnrolResult enrol(@PathParam("id") String id, @Valid @NotNull Enrol body) {
        return programmes.enrol(caller.get(), uuid(id), body.personIds());
    }

    @POST
    @Path("/{id}/scores")
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public ResultView score(@PathParam("id") String id, @Valid @NotNull ScoreInput body) {
        return programmes.score(caller.get(), uuid(id), body);
    }

    @POST
    @Path("/{id}/requirements")
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public ResultView requirement(@PathParam("id") String id, @Valid @NotNull RequirementInput body) {
        return programmes.requirement(caller.get(), uuid(id), body);
    }

    @POST
    @Path("/{id}/attendance")
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public ResultView attendance(@PathParam("id") String id, @Valid @NotNull AttendanceInput body) {
        return programmes.attendance(caller.get(), uuid(id), body);
    }

    @GET
    @Path("/{id}/results")
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Page<ResultView> results(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return programmes.results(caller.get(), uuid(id), KeyPage.of(limit, cursor));
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({ Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN })
    public CloseResult close(@PathParam("id") String id) {
        return programmes.close(caller.get(), uuid(id));
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Programme");
        }
    }
}
