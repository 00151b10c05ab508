package io.heartline.crisis.webhook;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Roles;

/** Webhook subscriptions of district systems (API.md "alerts"): {@code district-admin} of the district only. */
@Path("/api/v1/webhook-subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DISTRICT_ADMIN)
public class WebhookSubscriptionResource {

    private final WebhookSubscriptions subscriptions;
    private final CurrentCaller caller;

    WebhookSubscriptionResource(WebhookSubscriptions subscriptions, CurrentCaller caller) {
        this.subscriptions = subscriptions;
        this.caller = caller;
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull WebhookSubscriptions.NewSubscription body) {
        WebhookSubscriptions.Created created = subscriptions.create(caller.get(), body);
        return Response.created(URI.create("/api/v1/webhook-subscriptions/" + created.id())).entity(created).build();
    }

    @GET
    public Page<WebhookSubscriptions.Subscription> list(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return subscriptions.list(caller.get(), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{id}")
    public WebhookSubscriptions.Detail get(@PathParam("id") String id) {
        return subscriptions.get(caller.get(), id);
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response delete(@PathParam("id") String id) {
        subscriptions.delete(caller.get(), id);
        return Response.noContent().build();
    }
}
