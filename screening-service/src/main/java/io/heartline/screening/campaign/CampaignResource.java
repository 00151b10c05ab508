package io.heartline.screening.campaign;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Idempotency;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Screening campaigns of the caller's school: progress only, never scores. */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns")
@RolesAllowed({ Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN })
public class CampaignResource {

    private final CurrentCaller currentCaller;
    private final CampaignService campaigns;
    private final Idempotency idempotency;

    CampaignResource(CurrentCaller currentCaller, CampaignService campaigns, Idempotency idempotency) {
        this.currentCaller = currentCaller;
        this.campaigns = campaigns;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @RunOnVirtualThread
    @Operation(summary = "Schedule an instrument for a cohort (subjectIds or allStaff) between opensAt and closesAt")
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull CreateCampaignRequest body) {
        Caller caller = currentCaller.get();
        return idempotency.run("campaigns", caller, key, body, () -> {
            CampaignReport report = campaigns.create(caller, body);
            return Response.created(URI.create("/api/v1/campaigns/" + report.id())).entity(report).build();
        });
    }

    @GET
    @Path("/{id}")
    @Transactional
    @RunOnVirtualThread
    @Operation(summary = "A campaign with expected, completed and completion rate")
    public CampaignReport get(@PathParam("id") String id) {
        return campaigns.get(currentCaller.get(), id);
    }

    @GET
    @Transactional
    @RunOnVirtualThread
    @Operation(summary = "Campaigns of your school, newest first")
    public Page<CampaignReport> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return campaigns.list(currentCaller.get(), PageRequest.of(limit, cursor));
    }
}
