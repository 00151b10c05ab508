package io.heartline.crisis.alert;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;

/** A person's alerts: inbox, live stream, acknowledge and resolve (API.md "alerts"). Logic in {@link Alerts}. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertResource {

    static final List<String> STATUSES = List.of("OPEN", "ACKNOWLEDGED", "RESOLVED");

    public record ResolveBody(String reason) {
    }

    private final Alerts alerts;
    private final AlertStreamHub hub;
    private final CurrentCaller caller;

    AlertResource(Alerts alerts, AlertStreamHub hub, CurrentCaller caller) {
        this.alerts = alerts;
        this.hub = hub;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Page<AlertView> list(@QueryParam("mine") String mine, @QueryParam("status") String status,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (mine != null && !mine.equals("true") && !mine.equals("false")) {
            throw ProblemException.badRequest("mine is not valid", List.of(new Problem.FieldError("mine", "true or false")));
        }
        if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
            throw ProblemException.badRequest("status is not valid",
                    List.of(new Problem.FieldError("status", "OPEN, ACKNOWLEDGED or RESOLVED")));
        }
        return alerts.list(caller.get(), !"false".equals(mine), status == null || status.isBlank() ? null : status,
                PageRequest.of(limit, cursor));
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public void stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink,
            @Context Sse sse) {
        Caller c = caller.get();
        String district = c.requireDistrict();
        Optional<Long> after = Optional.empty();
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Optional.of(Long.parseLong(lastEventId.trim()));
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("Last-Event-ID is not an id this stream sent",
                        List.of(new Problem.FieldError("Last-Event-ID", "a number")));
            }
        }
        hub.subscribe(district, c.id(), after, sink, sse);
    }

    @POST
    @Path("{id}/acknowledge")
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Response acknowledge(@PathParam("id") String id) {
        return answer(alerts.acknowledge(id(id), caller.get()), "acknowledge");
    }

    @POST
    @Path("{id}/resolve")
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Response resolve(@PathParam("id") String id, ResolveBody body) {
        UUID alertId = id(id);
        if (body == null || body.reason() == null || body.reason().isBlank() || body.reason().length() > 500) {
            throw ProblemException.badRequest("A reason is required",
                    List.of(new Problem.FieldError("reason", "1 to 500 characters")));
        }
        return answer(alerts.resolve(alertId, caller.get(), body.reason()), "resolve");
    }

    /** 200 with the alert, or 409 problem+json naming who took it and when. */
    private static Response answer(Alerts.Outcome o, String verb) {
        if (o instanceof Alerts.Done d) {
            return Response.ok(d.alert()).build();
        }
        Alerts.TakenBy t = (Alerts.TakenBy) o;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", URI.create("https://heartline.io/problems/alert-already-taken").toString());
        p.put("title", "Conflict");
        p.put("status", 409);
        p.put("detail", "Someone else has already " + ("RESOLVED".equals(t.status()) ? "resolved" : "acknowledged")
                + " this alert; you cannot " + verb + " it");
        p.put("reason", "ALREADY_" + ("RESOLVED".equals(t.status()) ? "RESOLVED" : "ACKNOWLEDGED"));
        p.put("by", t.personId());
        p.put("at", t.at() == null ? null : t.at().toString());
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    private static UUID id(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Alert");
        }
    }

}
