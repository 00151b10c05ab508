package io.heartline.gateway.routing;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A routed path family: where it goes, how large a body it takes, and who may call it with which method. */
public record Route(String service, List<PathPattern> paths, String bodyLimit, List<Rule> rules) {

    /** Any authenticated caller. */
    public static final String ANY_ROLE = "*";
    /**
     * Instead of one service: every service, asked in parallel and their answers merged (the audit trail,
     * {@link io.heartline.gateway.audit.TrailMerge}).
     */
    public static final String ALL_SERVICES = "*";

    /** No token needed (e.g. certificate verification): the anonymous per-address limit applies. */
    public static final String PUBLIC = "public";

    public boolean mergesAllServices() {
        return ALL_SERVICES.equals(service);
    }

    public boolean matches(String[] path) {
        for (PathPattern p : paths) {
            if (p.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** The first rule for this method and path, if any (none: deny). */
    public Optional<Rule> rule(String method, String[] path) {
        String m = "HEAD".equals(method) ? "GET" : method;
        for (Rule r : rules) {
            if (r.methods().contains(m) && (r.path() == null || r.path().matches(path))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Whether a caller with these roles may call this method on this path. */
    public boolean allows(String method, String[] path, Set<String> callerRoles) {
        return rule(method, path).map(r -> r.admits(callerRoles)).orElse(false);
    }

    /** One line of the policy: methods (and optionally a narrower path) → roles. */
    public record Rule(Set<String> methods, PathPattern path, Set<String> roles) {

        public boolean isPublic() {
            return roles.contains(PUBLIC);
        }

        public boolean admits(Set<String> callerRoles) {
            if (roles.contains(ANY_ROLE) || roles.contains(PUBLIC)) {
                return true;
            }
            for (String r : callerRoles) {
                if (roles.contains(r)) {
                    return true;
                }
            }
            return false;
        }
    }
}
