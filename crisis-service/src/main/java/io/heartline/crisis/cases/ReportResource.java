package io.heartline.crisis.cases;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Idempotency;
import io.heartline.platform.web.RequestTrace;
import io.heartline.platform.web.Roles;
import io.heartline.platform.web.Trace;

/**
 * Crisis reports from anyone in a school. An anonymous report stores nothing that identifies the reporter: no reporter
 * id in the report, the timeline or the events, and its Idempotency-Key is remembered under the caller
 * {@code anonymous@<district>/<school>} rather than the reporter's id.
 */
@Path("/api/v1/crisis-reports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final CaseService cases;
    private final CurrentCaller caller;
    private final Idempotency idempotency;
    private final RequestTrace trace;

    ReportResource(CaseService cases, CurrentCaller caller, Idempotency idempotency, RequestTrace trace) {
        this.cases = cases;
        this.caller = caller;
        this.idempotency = idempotency;
        this.trace = trace;
    }

    /** More information later, by the receipt code (anonymous reporters included). */
    @POST
    @Path("{receiptCode}/additions")
    @RolesAllowed({ Roles.STUDENT, Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN })
    public Response add(@PathParam("receiptCode") String receiptCode, @Valid @NotNull Requests.ReportAddition body) {
        Caller who = caller.get();
        who.requireSchool();
        return Response.status(201).entity(cases.addToReport(who, receiptCode, body)).build();
    }

    @POST
    @Transactional
    @RolesAllowed({ Roles.STUDENT, Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN })
    public Response report(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull Requests.NewReport body) {
        Caller who = caller.get();
        who.requireSchool();
        Caller keyOwner = Boolean.TRUE.equals(body.anonymous())
                ? new Caller("anonymous@" + who.district() + "/" + who.school(), who.roles(), who.school(),
                        who.district(), null)
                : who;
        return idempotency.run("crisis-reports", keyOwner, key, body, () -> {
            Views.ReportReceipt receipt = cases.report(who, body, Trace.of(trace));
            return Response.created(URI.create("/api/v1/crisis-reports/" + receipt.reportId())).entity(receipt)
                    .build();
        });
    }
}
