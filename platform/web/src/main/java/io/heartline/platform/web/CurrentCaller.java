package io.heartline.platform.web;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, read once from the verified token. */
@RequestScoped
public class CurrentCaller {

    private final JsonWebToken token;
    private Caller caller;

    CurrentCaller(JsonWebToken token) {
        this.token = token;
    }

    public Caller get() {
        if (caller == null) {
            String sub = token.getSubject();
            if (sub == null || sub.isBlank()) {
                throw new io.quarkus.security.UnauthorizedException();
            }
            Set<String> groups = token.getGroups() == null ? Set.of() : Set.copyOf(token.getGroups());
            caller = new Caller(sub, groups, claim("school"), claim("district"), token.getClaim("preferred_username"));
        }
        return caller;
    }

    private String claim(String name) {
        Object v = token.getClaim(name);
        if (v == null) {
            return null;
        }
        String s = v instanceof jakarta.json.JsonString js ? js.getString() : v.toString();
        return s.isBlank() ? null : s;
    }
}
