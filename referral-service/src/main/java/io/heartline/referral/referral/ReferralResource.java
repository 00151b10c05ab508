package io.heartline.referral.referral;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Idempotency;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.RequestTrace;
import io.heartline.platform.web.Roles;
import io.heartline.platform.web.Trace;
import io.heartline.referral.domain.Actor;
import io.heartline.referral.domain.Referral;
import io.heartline.referral.domain.Source;
import io.heartline.referral.domain.SubjectType;
import io.heartline.referral.workflow.ReferralWorkflow;
import io.heartline.referral.workflow.TransitionRequests;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Referrals: create by hand, list and read within scope, and move the current stage along the chain. */
@Path("/api/v1/referrals")
@RunOnVirtualThread
public class ReferralResource {

    private static final String BASE = "/api/v1/referrals";

    private final ReferralOpener opener;
    private final ReferralWorkflow workflow;
    private final ReferralViews views;
    private final ReferralQueries queries;
    private final Idempotency idempotency;
    private final CurrentCaller caller;
    private final RequestTrace trace;

    ReferralResource(ReferralOpener opener, ReferralWorkflow workflow, ReferralViews views, ReferralQueries queries,
            Idempotency idempotency, CurrentCaller caller, RequestTrace trace) {
        this.opener = opener;
        this.workflow = workflow;
        this.views = views;
        this.queries = queries;
        this.idempotency = idempotency;
        this.caller = caller;
        this.trace = trace;
    }

    @POST
    @Transactional
    @RolesAllowed({ Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.STUDENT })
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull CreateReferralRequest body) {
        Caller c = caller.get();
        String school = c.requireSchool();
        checkReferrer(c, body);
        return idempotency.run("referrals", c, key, body, () -> {
            Referral r = opener.open(new NewReferral(body.subjectId(), body.subjectType(), school, c.district(),
                    body.source(), body.urgency(), null, null, null, body.reason()), Actor.of(c), Trace.of(trace));
            return Response.created(URI.create(BASE + "/" + r.id)).entity(CreatedReferral.of(r)).build();
        });
    }

    @GET
    @RolesAllowed({ Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Page<?> list(@QueryParam("status") String status, @QueryParam("tier") String tier,
            @QueryParam("subjectId") String subjectId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return queries.list(caller.get(), ReferralFilter.parse(status, tier, subjectId),
                PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Object get(@PathParam("id") UUID id) {
        return views.render(caller.get(), id, "GET " + BASE + "/{id}");
    }

    @POST
    @Path("/{id}/accept")
    @Transactional
    @RolesAllowed({ Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.DISTRICT_ADMIN })
    public Object accept(@PathParam("id") UUID id) {
        return after("accept", workflow.accept(id, caller.get(), Trace.of(trace)));
    }

    @POST
    @Path("/{id}/start")
    @Transactional
    @RolesAllowed({ Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.DISTRICT_ADMIN })
    public Object start(@PathParam("id") UUID id) {
        return after("start", workflow.start(id, caller.get(), Trace.of(trace)));
    }

    @POST
    @Path("/{id}/decline")
    @Transactional
    @RolesAllowed({ Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.DISTRICT_ADMIN })
    public Object decline(@PathParam("id") UUID id, @Valid @NotNull TransitionRequests.Decline body) {
        return after("decline", workflow.decline(id, caller.get(), body, Trace.of(trace)));
    }

    @POST
    @Path("/{id}/escalate")
    @Transactional
    @RolesAllowed({ Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Object escalate(@PathParam("id") UUID id, @Valid TransitionRequests.Escalate body) {
        TransitionRequests.Escalate b = body != null ? body : new TransitionRequests.Escalate(null, null);
        return after("escalate", workflow.escalate(id, caller.get(), b, Trace.of(trace)));
    }

    @POST
    @Path("/{id}/complete")
    @Transactional
    @RolesAllowed({ Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.DISTRICT_ADMIN })
    public Object complete(@PathParam("id") UUID id, @Valid @NotNull TransitionRequests.Complete body) {
        return after("complete", workflow.complete(id, caller.get(), body, Trace.of(trace)));
    }

    @POST
    @Path("/{id}/cancel")
    @Transactional
    @RolesAllowed({ Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Object cancel(@PathParam("id") UUID id, @Valid @NotNull TransitionRequests.Cancel body) {
        return after("cancel", workflow.cancel(id, caller.get(), body, Trace.of(trace)));
    }

    @POST
    @Path("/{id}/assign")
    @Transactional
    @RolesAllowed({ Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Object assign(@PathParam("id") UUID id, @Valid @NotNull TransitionRequests.Assign body) {
        return after("assign", workflow.assign(id, caller.get(), body, Trace.of(trace)));
    }

    /** The referral after the change, as the caller may see it (a full view is audited like a read). */
    private Object after(String verb, Referral r) {
        return views.renderAfterChange(caller.get(), r, "POST " + BASE + "/{id}/" + verb);
    }

    /** Students refer only themselves; nobody creates a SCREENING referral by hand. */
    private static void checkReferrer(Caller c, CreateReferralRequest body) {
        if (body.source() == Source.SCREENING) {
            throw ProblemException.badRequest("SCREENING referrals are opened from screening results only",
                    List.of(new Problem.FieldError("source", "SCREENING is not allowed here")));
        }
        boolean onlyStudent = c.hasRole(Roles.STUDENT)
                && !c.hasAnyRole(Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN);
        if (!onlyStudent) {
            return;
        }
        if (!c.id().equals(body.subjectId())) {
            throw ProblemException.forbidden("A student may refer only themselves");
        }
        if (body.subjectType() != SubjectType.STUDENT || body.source() != Source.SELF) {
            throw ProblemException.badRequest("A student's own referral has subjectType STUDENT and source SELF",
                    List.of(new Problem.FieldError(body.subjectType() != SubjectType.STUDENT ? "subjectType" : "source",
                            body.subjectType() != SubjectType.STUDENT ? "must be STUDENT" : "must be SELF")));
        }
    }
}
