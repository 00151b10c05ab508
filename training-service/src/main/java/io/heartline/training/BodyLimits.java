package io.heartline.training;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.quarkus.runtime.configuration.MemorySize;

/**
 * The HTTP layer admits bodies up to the roster-upload size (16 MiB); every other endpoint keeps the platform's
 * 256 KiB (CONVENTIONS "HTTP API style"), refused here with 413 before the body is read.
 */
public class BodyLimits {

    private final long jsonLimit;

    BodyLimits(@ConfigProperty(name = "heartline.training.body-limit", defaultValue = "256K") MemorySize jsonLimit) {
        this.jsonLimit = jsonLimit.asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public void limit(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("/api/v1/roster-imports")) {
            return;
        }
        if (request.getLength() > jsonLimit) {
            throw new ProblemException(Problem.of(413, "payload-too-large", "Request body too large",
                    "Request bodies may be at most " + jsonLimit + " bytes here", null));
        }
    }
}
