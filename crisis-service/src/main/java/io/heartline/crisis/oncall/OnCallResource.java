package io.heartline.crisis.oncall;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Roles;

/** On-call schedules, escalation policies and who is on duty (API.md "alerts"). Logic in {@link OnCall}. */
@Path("/api/v1/on-call")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OnCallResource {

    private final OnCall onCall;
    private final CurrentCaller caller;

    OnCallResource(OnCall onCall, CurrentCaller caller) {
        this.onCall = onCall;
        this.caller = caller;
    }

    @GET
    @Path("schedules/{schoolId}")
    @RolesAllowed({ Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public OnCallViews.Schedule schedule(@PathParam("schoolId") String schoolId) {
        return onCall.getSchedule(caller.get(), schoolId);
    }

    @PUT
    @Path("schedules/{schoolId}")
    @RolesAllowed({ Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public OnCallViews.Schedule putSchedule(@PathParam("schoolId") String schoolId, OnCallViews.ScheduleBody body) {
        return onCall.putSchedule(caller.get(), schoolId, body);
    }

    @GET
    @Path("policies/{schoolId}")
    @RolesAllowed({ Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public OnCallViews.Policy policy(@PathParam("schoolId") String schoolId) {
        return onCall.getPolicy(caller.get(), schoolId);
    }

    @PUT
    @Path("policies/{schoolId}")
    @RolesAllowed({ Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public OnCallViews.Policy putPolicy(@PathParam("schoolId") String schoolId, OnCallViews.PolicyBody body) {
        return onCall.putPolicy(caller.get(), schoolId, body);
    }

    @GET
    @Path("now")
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public OnCallViews.Now now(@QueryParam("schoolId") String schoolId) {
        return onCall.now(caller.get(), schoolId);
    }
}
