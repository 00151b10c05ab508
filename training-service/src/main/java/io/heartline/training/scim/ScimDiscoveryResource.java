package io.heartline.training.scim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;

import io.heartline.platform.web.Roles;

/** What a SCIM client may ask before it provisions (RFC 7644 §4): capabilities, resource types and schemas. */
@Path("/scim/v2")
@RolesAllowed(Roles.HR_SYNC)
@Produces({ ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON })
public class ScimDiscoveryResource {

    private static final ArrayNode SCHEMAS = loadSchemas();

    private final UriInfo uriInfo;

    ScimDiscoveryResource(UriInfo uriInfo) {
        this.uriInfo = uriInfo;
    }

    @GET
    @Path("ServiceProviderConfig")
    public String serviceProviderConfig() {
        ObjectNode config = ScimJson.object();
        config.putArray("schemas").add(ScimSchemas.SERVICE_PROVIDER_CONFIG);
        config.putObject("patch").put("supported", true);
        config.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        config.putObject("filter").put("supported", true).put("maxResults", ScimUsersResource.MAX_COUNT);
        config.putObject("changePassword").put("supported", false);
        config.putObject("sort").put("supported", false);
        config.putObject("etag").put("supported", true);
        config.putArray("authenticationSchemes").addObject()
                .put("type", "oauthbearertoken").put("name", "OAuth Bearer Token")
                .put("description", "A district token (JWT) with the role hr-sync").put("primary", true);
        meta(config, "ServiceProviderConfig", "ServiceProviderConfig");
        return ScimJson.write(config);
    }

    @GET
    @Path("ResourceTypes")
    public String resourceTypes() {
        return ScimJson.write(list(ScimJson.object().arrayNode().add(userType())));
    }

    @GET
    @Path("ResourceTypes/{name}")
    public String resourceType(@PathParam("name") String name) {
        if (!"User".equals(name)) {
            throw ScimFailure.notFound(name);
        }
        return ScimJson.write(userType());
    }

    @GET
    @Path("Schemas")
    public String schemas() {
        ArrayNode all = ScimJson.object().arrayNode();
        SCHEMAS.forEach(s -> all.add(withMeta(s)));
        return ScimJson.write(list(all));
    }

    @GET
    @Path("Schemas/{id}")
    public String schema(@PathParam("id") String id) {
        for (JsonNode s : SCHEMAS) {
            if (s.get("id").asText().equals(id)) {
                return ScimJson.write(withMeta(s));
            }
        }
        throw ScimFailure.notFound(id);
    }

    private ObjectNode userType() {
        ObjectNode type = ScimJson.object();
        type.putArray("schemas").add(ScimSchemas.RESOURCE_TYPE);
        type.put("id", "User").put("name", "User").put("endpoint", "/Users")
                .put("description", "Staff of the district").put("schema", ScimSchemas.USER);
        ArrayNode extensions = type.putArray("schemaExtensions");
        extensions.addObject().put("schema", ScimSchemas.ENTERPRISE_USER).put("required", false);
        extensions.addObject().put("schema", ScimSchemas.SCHOOL_USER).put("required", false);
        meta(type, "ResourceType", "ResourceTypes/User");
        return type;
    }

    private ObjectNode withMeta(JsonNode schema) {
        ObjectNode copy = (ObjectNode) schema.deepCopy();
        meta(copy, "Schema", "Schemas/" + schema.get("id").asText());
        return copy;
    }

    private void meta(ObjectNode node, String resourceType, String relative) {
        node.putObject("meta").put("resourceType", resourceType)
                .put("location", uriInfo.getBaseUriBuilder().path("scim/v2").path(relative).build().toString());
    }

    private static ObjectNode list(ArrayNode resources) {
        ObjectNode list = ScimJson.object();
        list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        list.put("totalResults", resources.size());
        list.put("startIndex", 1);
        list.put("itemsPerPage", resources.size());
        list.set("Resources", resources);
        return list;
    }

    private static ArrayNode loadSchemas() {
        try (InputStream in = ScimDiscoveryResource.class.getResourceAsStream("/scim/schemas.json")) {
            return (ArrayNode) JsonUtils.getObjectReader().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
