package io.heartline.screening.consent;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
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
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.heartline.platform.web.PersonIds;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Consent to screening (guardians of students under 14; PIPL art. 28 and 31): psychologists and school admins. */
@Path("/api/v1/consents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consents")
@RolesAllowed({ Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN })
public class ConsentResource {

    private final CurrentCaller currentCaller;
    private final ConsentService consents;

    ConsentResource(CurrentCaller currentCaller, ConsentService consents) {
        this.currentCaller = currentCaller;
        this.consents = consents;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @RunOnVirtualThread
    @Operation(summary = "Record a consent (CAMPAIGN or STANDING) with who gave it, when and how. 201; audited")
    public Response record(@Valid @NotNull ConsentRequests.Record body) {
        ConsentView v = consents.record(currentCaller.get(), body);
        return Response.created(URI.create("/api/v1/consents/" + v.id())).entity(v).build();
    }

    @GET
    @Transactional
    @RunOnVirtualThread
    @Operation(summary = "Consent records of a person and/or a campaign at your school, newest first; audited")
    public Page<ConsentView> list(@QueryParam("subjectId") String subjectId,
            @QueryParam("campaignId") String campaignId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return consents.list(currentCaller.get(), PersonIds.optional("subjectId", subjectId), campaignId, PageRequest.of(limit, cursor));
    }

    @POST
    @Path("/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @RunOnVirtualThread
    @Operation(summary = "Withdraw a consent: future screenings that relied on it are refused; audited")
    public ConsentView withdraw(@PathParam("id") String id, @Valid @NotNull ConsentRequests.Withdraw body) {
        return consents.withdraw(currentCaller.get(), id, body);
    }
}
