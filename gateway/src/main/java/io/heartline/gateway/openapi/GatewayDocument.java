package io.heartline.gateway.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.heartline.gateway.GatewayConfig;
import io.heartline.gateway.routing.Route;
import io.heartline.gateway.routing.RouteTable;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.config.SmallRyeConfig;

/**
 * Builds the gateway's own document at startup from the same data the gateway runs on: every routed path with the
 * methods and roles the policy allows and the problems the gateway itself may answer, and (extension
 * {@code x-heartline-services}) where each service's full document is served: {@code /q/openapi/<service>}.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class GatewayDocument implements OASFilter {

    private static final String PROBLEM = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        GatewayConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                .getConfigMapping(GatewayConfig.class);
        RouteTable table = RouteTable.load(config.policy(), config.services().keySet(),
                config.bodyLimits().keySet());

        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme("bearer", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("RS256 JWT from the identity provider; audience heartline."));
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null) {
            openAPI.setPaths(OASFactory.createPaths());
        }

        for (Route route : table.routes()) {
            for (var pattern : route.paths()) {
                String base = template(pattern.toString());
                PathItem item = OASFactory.createPathItem();
                for (String method : methods(route)) {
                    item.setOperation(PathItem.HttpMethod.valueOf(method), operation(route, method));
                }
                openAPI.getPaths().addPathItem(base, item);
                if (pattern.toString().endsWith("/**")) {
                    PathItem deeper = OASFactory.createPathItem();
                    for (String method : methods(route)) {
                        deeper.setOperation(PathItem.HttpMethod.valueOf(method), operation(route, method));
                    }
                    openAPI.getPaths().addPathItem(base + "/{path}", deeper);
                }
            }
        }

        Map<String, Object> services = new LinkedHashMap<>();
        config.services().keySet().stream().sorted().forEach(name -> services.put(name,
                Map.of("document", "/q/openapi/" + name,
                        "paths", table.routes().stream().filter(r -> r.service().equals(name) || r.mergesAllServices())
                                .flatMap(r -> r.paths().stream()).map(Object::toString).toList())));
        openAPI.addExtension("x-heartline-services", services);
    }

    private static List<String> methods(Route route) {
        List<String> methods = new ArrayList<>();
        for (Route.Rule rule : route.rules()) {
            for (String m : rule.methods()) {
                if (!methods.contains(m)) {
                    methods.add(m);
                }
            }
        }
        return methods;
    }

    private static Operation operation(Route route, String method) {
        String who = route.rules().stream().filter(r -> r.methods().contains(method))
                .map(r -> (r.path() == null ? "" : r.path() + ": ")
                        + (r.isPublic() ? "anyone, no token"
                                : r.roles().contains(Route.ANY_ROLE) ? "any authenticated caller"
                                : r.roles().stream().sorted().collect(Collectors.joining(", "))))
                .collect(Collectors.joining("; "));
        String target = route.mergesAllServices() ? "every service" : route.service();
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse("default", OASFactory.createAPIResponse()
                        .description(route.mergesAllServices()
                                ? "Every service's answer, merged newest first: {items, nextCursor, incomplete, "
                                        + "missingServices} (a service that did not answer is listed, not hidden)"
                                : "The " + route.service() + " service's answer (see /q/openapi/"
                                        + route.service() + ")"));
        problem(responses, "400", "Path with dot segments or encoded separators");
        problem(responses, "401", "Missing or invalid bearer token (WWW-Authenticate: Bearer)");
        problem(responses, "403", "The caller's roles may not use this method on this path");
        problem(responses, "413", "Request body over the limit (" + route.bodyLimit() + ")");
        problem(responses, "429", "Rate limit exceeded (Retry-After)");
        problem(responses, "502", "The service gave no valid answer");
        problem(responses, "503", "The service cannot be reached");
        problem(responses, "504", "The service did not answer in time");
        return OASFactory.createOperation()
                .summary(method + " → " + target)
                .description((route.mergesAllServices() ? "Asked of every service in parallel and merged. "
                        : "Proxied to the " + route.service() + " service. ") + "Allowed roles: " + who + ".")
                .addTag(route.mergesAllServices() ? "audit" : route.service())
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"))
                .responses(responses);
    }

    private static void problem(APIResponses responses, String status, String description) {
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType("application/problem+json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)))));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("requestId", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
    }

    /** "/api/v1/crisis-*&#47;**" → "/api/v1/crisis-{name}" (the open end is documented as "{path}"). */
    static String template(String pattern) {
        String p = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3) : pattern;
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (String segment : p.substring(1).split("/")) {
            out.append('/');
            int star = segment.indexOf('*');
            if (star < 0) {
                out.append(segment);
            } else {
                out.append(segment, 0, star).append('{').append(n++ == 0 ? "name" : "name" + n).append('}')
                        .append(segment.substring(star + 1));
            }
        }
        return out.toString();
    }
}
