package io.heartline.gateway.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The routes and role policy from policy.json, checked when loaded: a bad file stops the gateway from starting. */
public final class RouteTable {

    public static final Set<String> ROLES = Set.of("student", "staff", "teacher", "psychologist", "school-admin",
            "district-admin", "hr-sync");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public List<Route> routes() {
        return routes;
    }

    public Optional<Route> route(String[] path) {
        for (Route r : routes) {
            if (r.matches(path)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Reads a classpath resource, or a file if no such resource exists. */
    public static RouteTable load(String location, Set<String> services, Set<String> bodyLimits) {
        return parse(read(location), services, bodyLimits);
    }

    public static RouteTable parse(String json, Set<String> services, Set<String> bodyLimits) {
        JsonObject doc = new JsonObject(json);
        List<Route> routes = new ArrayList<>();
        JsonArray list = doc.getJsonArray("routes");
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("policy: no routes");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonObject r = list.getJsonObject(i);
            String where = "policy route " + i;
            String service = required(r.getString("service"), where + ": service");
            if (!services.contains(service) && !Route.ALL_SERVICES.equals(service)) {
                throw new IllegalArgumentException(where + ": service '" + service
                        + "' has no heartline.gateway.services." + service + ".url");
            }
            List<PathPattern> paths = new ArrayList<>();
            for (Object p : required(r.getJsonArray("paths"), where + ": paths")) {
                paths.add(PathPattern.of((String) p));
            }
            String limit = r.getString("bodyLimit", "default");
            if (!bodyLimits.contains(limit)) {
                throw new IllegalArgumentException(where + ": body limit '" + limit
                        + "' has no heartline.gateway.body-limits." + limit);
            }
            List<Route.Rule> rules = new ArrayList<>();
            JsonArray ruleList = required(r.getJsonArray("rules"), where + ": rules");
            for (int j = 0; j < ruleList.size(); j++) {
                rules.add(rule(ruleList.getJsonObject(j), where + " rule " + j));
            }
            if (Route.ALL_SERVICES.equals(service) && rules.stream().anyMatch(Route.Rule::isPublic)) {
                throw new IllegalArgumentException(where + ": a merged route is never public");
            }
            routes.add(new Route(service, List.copyOf(paths), limit, List.copyOf(rules)));
        }
        return new RouteTable(routes);
    }

    private static Route.Rule rule(JsonObject r, String where) {
        Set<String> methods = new LinkedHashSet<>();
        for (Object m : required(r.getJsonArray("methods"), where + ": methods")) {
            String method = ((String) m).toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException(where + ": unknown method " + m);
            }
            methods.add(method);
        }
        Set<String> roles = new LinkedHashSet<>();
        for (Object o : required(r.getJsonArray("roles"), where + ": roles")) {
            String role = (String) o;
            if (!ROLES.contains(role) && !Route.ANY_ROLE.equals(role) && !Route.PUBLIC.equals(role)) {
                throw new IllegalArgumentException(where + ": unknown role " + role);
            }
            roles.add(role);
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException(where + ": no roles (leave the rule out to deny)");
        }
        if (roles.contains(Route.PUBLIC) && roles.size() > 1) {
            throw new IllegalArgumentException(where + ": 'public' stands alone (no token is asked for)");
        }
        String path = r.getString("path");
        return new Route.Rule(Set.copyOf(methods), path == null ? null : PathPattern.of(path), Set.copyOf(roles));
    }

    private static <T> T required(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }

    private static String read(String location) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(location));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the gateway policy " + location, e);
        }
    }
}
