package io.heartline.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reads {@code X-Purpose-Of-Use} / {@code ?purposeOfUse=} on every request (after matching, so unknown paths stay
 * 404): a value outside the list is a 400 on any endpoint, not only on the reads that record it, so a client learns of
 * its mistake the first time it sends it.
 */
public class PurposeOfUseFilter {

    private final PurposeOfUse purpose;

    PurposeOfUseFilter(PurposeOfUse purpose) {
        this.purpose = purpose;
    }

    @ServerRequestFilter
    public void onRequest(ContainerRequestContext request) {
        purpose.set(Purpose.of(request.getHeaderString(Purpose.HEADER),
                request.getUriInfo().getQueryParameters().get(Purpose.QUERY)));
    }
}
