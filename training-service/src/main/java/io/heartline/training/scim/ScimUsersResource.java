package io.heartline.training.scim;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.RequestTrace;
import io.heartline.platform.web.Roles;
import io.heartline.platform.web.Trace;
import io.heartline.training.directory.Person;

/** SCIM 2.0 {@code /Users} (RFC 7644 §3) for an HR system or IdP pushing the district's staff (docs/scim.md). */
@Path("/scim/v2/Users")
@RolesAllowed(Roles.HR_SYNC)
@Produces({ ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON })
@Consumes({ ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON })
public class ScimUsersResource {

    static final int DEFAULT_COUNT = 100;
    static final int MAX_COUNT = 200;

    private final ScimUsers users;
    private final CurrentCaller caller;
    private final RequestTrace requestTrace;
    private final UriInfo uriInfo;

    ScimUsersResource(ScimUsers users, CurrentCaller caller, RequestTrace requestTrace, UriInfo uriInfo) {
        this.users = users;
        this.caller = caller;
        this.requestTrace = requestTrace;
        this.uriInfo = uriInfo;
    }

    @POST
    public Response create(String body) {
        Person created = UniqueViolations.translate(
                () -> users.create(district(), ScimJson.readObject(body), trace()));
        return withEtag(Response.created(location(created)), created).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return withEtag(Response.ok(), users.get(district(), id)).build();
    }

    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            String body) {
        Person replaced = UniqueViolations.translate(
                () -> users.replace(district(), id, ScimJson.readObject(body), ifMatch, trace()));
        return withEtag(Response.ok(), replaced).build();
    }

    @PATCH
    @Path("{id}")
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            String body) {
        Person patched = UniqueViolations.translate(
                () -> users.patch(district(), id, ScimJson.readObject(body), ifMatch, trace()));
        return withEtag(Response.ok(), patched).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        users.deactivate(district(), id, ifMatch, trace());
        return Response.noContent().build();
    }

    @GET
    public Response search(@QueryParam("filter") String filter,
            @QueryParam("startIndex") @DefaultValue("1") String startIndexParam,
            @QueryParam("count") @DefaultValue("" + DEFAULT_COUNT) String countParam) {
        ScimUserQuery query = ScimUserQuery.parse(filter);
        // RFC 7644 §3.4.2.4: a startIndex below 1 is 1, a negative count is 0.
        int startIndex = Math.max(1, integer("startIndex", startIndexParam));
        int count = Math.min(MAX_COUNT, Math.max(0, integer("count", countParam)));
        ScimUsers.Page page = users.search(district(), query, startIndex, count);
        ObjectNode list = ScimJson.object();
        list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        list.put("totalResults", page.totalResults());
        list.put("startIndex", startIndex);
        list.put("itemsPerPage", page.people().size());
        ArrayNode resources = list.putArray("Resources");
        page.people().forEach(p -> resources.add(ScimUserMapper.toScim(p, location(p))));
        return Response.ok(ScimJson.write(list)).build();
    }

    private Response.ResponseBuilder withEtag(Response.ResponseBuilder r, Person p) {
        return r.entity(ScimJson.write(ScimUserMapper.toScim(p, location(p))))
                .header(HttpHeaders.ETAG, ScimUserMapper.etag(p));
    }

    private URI location(Person p) {
        return uriInfo.getBaseUriBuilder().path("scim/v2/Users").path(p.personId()).build();
    }

    private String district() {
        return caller.get().requireDistrict();
    }

    private Trace trace() {
        return Trace.of(requestTrace);
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ScimFailure.invalidValue("'" + name + "' must be an integer");
        }
    }
}
