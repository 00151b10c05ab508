package io.heartline.crisis.cases;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.heartline.crisis.model.Level;
import io.heartline.crisis.model.Status;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.RequestTrace;
import io.heartline.platform.web.Roles;
import io.heartline.platform.web.Trace;

/** Crisis cases: list, detail (audited) and transitions. Cases outside the caller's scope answer 404. */
@Path("/api/v1/crisis-cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CaseResource {

    private final CaseService cases;
    private final CurrentCaller caller;
    private final RequestTrace trace;

    CaseResource(CaseService cases, CurrentCaller caller, RequestTrace trace) {
        this.cases = cases;
        this.caller = caller;
        this.trace = trace;
    }

    @GET
    @RolesAllowed({ Roles.PSYCHOLOGIST, Roles.DISTRICT_ADMIN })
    public Page<Views.CaseSummary> list(@QueryParam("status") String status, @QueryParam("level") String level,
            @QueryParam("overdue") String overdue, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return cases.list(caller.get(), parse(Status.class, "status", status), parse(Level.class, "level", level),
                parseBool("overdue", overdue), page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.PSYCHOLOGIST, Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.TEACHER, Roles.STAFF })
    public Views.CaseDetail get(@PathParam("id") String id) {
        return cases.detail(id(id), caller.get());
    }

    @POST
    @Path("{id}/contact")
    @RolesAllowed(Roles.PSYCHOLOGIST)
    public Views.CaseState contact(@PathParam("id") String id, @Valid @NotNull Requests.Contact body) {
        return cases.contact(id(id), caller.get(), body, Trace.of(trace));
    }

    @POST
    @Path("{id}/triage")
    @RolesAllowed(Roles.PSYCHOLOGIST)
    public Views.CaseState triage(@PathParam("id") String id, @Valid @NotNull Requests.Triage body) {
        return cases.triage(id(id), caller.get(), body, Trace.of(trace));
    }

    @POST
    @Path("{id}/lead")
    @RolesAllowed({ Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN })
    public Views.CaseState lead(@PathParam("id") String id, @Valid @NotNull Requests.Lead body) {
        return cases.lead(id(id), caller.get(), body);
    }

    @POST
    @Path("{id}/team")
    @RolesAllowed({ Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN })
    public Views.CaseState team(@PathParam("id") String id, @Valid @NotNull Requests.Team body) {
        return cases.team(id(id), caller.get(), body);
    }

    @POST
    @Path("{id}/watch-shifts")
    @RolesAllowed({ Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.TEACHER, Roles.STAFF })
    public Views.CaseState watchShift(@PathParam("id") String id, @Valid @NotNull Requests.WatchShift body) {
        return cases.watchShift(id(id), caller.get(), body, Trace.of(trace));
    }

    @POST
    @Path("{id}/actions")
    @RolesAllowed(Roles.PSYCHOLOGIST)
    public Views.CaseState action(@PathParam("id") String id, @Valid @NotNull Requests.Action body) {
        return cases.action(id(id), caller.get(), body, Trace.of(trace));
    }

    @POST
    @Path("{id}/follow-up-plan")
    @RolesAllowed(Roles.PSYCHOLOGIST)
    public Views.CaseState followUpPlan(@PathParam("id") String id, @Valid @NotNull Requests.FollowUpPlan body) {
        return cases.followUpPlan(id(id), caller.get(), body);
    }

    @POST
    @Path("{id}/check-ins")
    @RolesAllowed(Roles.PSYCHOLOGIST)
    public Views.CaseState checkIn(@PathParam("id") String id, @Valid @NotNull Requests.CheckIn body) {
        return cases.checkIn(id(id), caller.get(), body, Trace.of(trace));
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed(Roles.PSYCHOLOGIST)
    public Views.CaseState close(@PathParam("id") String id, @Valid @NotNull Requests.Close body) {
        return cases.close(id(id), caller.get(), body, Trace.of(trace));
    }

    @POST
    @Path("{id}/reopen")
    @RolesAllowed(Roles.PSYCHOLOGIST)
    public Views.CaseState reopen(@PathParam("id") String id, @Valid @NotNull Requests.Reopen body) {
        return cases.reopen(id(id), caller.get(), body, Trace.of(trace));
    }

    private static UUID id(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Crisis case");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field + " is not valid",
                    List.of(new Problem.FieldError(field, "not a known value")));
        }
    }

    private static Boolean parseBool(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!raw.equals("true") && !raw.equals("false")) {
            throw ProblemException.badRequest(field + " is not valid",
                    List.of(new Problem.FieldError(field, "true or false")));
        }
        return Boolean.valueOf(raw);
    }
}
