package io.heartline.screening.instrument;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.heartline.platform.web.ProblemException;
import io.quarkus.security.Authenticated;

/** The catalogue, for any signed-in user: served from memory. */
@Path("/api/v1/instruments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Instruments")
@Authenticated
public class InstrumentResource {

    private final InstrumentCatalogue catalogue;

    InstrumentResource(InstrumentCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Operation(summary = "Current version of every instrument")
    public List<InstrumentViews.Summary> list() {
        return catalogue.current().stream().map(InstrumentViews.Summary::of).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One instrument's form: items with their options (current version unless ?version=), in "
            + "the language asked by ?lang= or Accept-Language, zh-CN by default")
    public InstrumentViews.Form get(@PathParam("code") String code, @QueryParam("version") String version,
            @Parameter(description = "zh-CN (default) or en; else Accept-Language") @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        Instrument i = catalogue.find(code, versionOf(version))
                .orElseThrow(() -> ProblemException.notFound("Instrument " + code));
        java.util.Set<String> available = catalogue.languages(i);
        String language = Languages.choose(lang, "lang", acceptLanguage, available, i.definition().language());
        return InstrumentViews.Form.of(i, catalogue.translation(i, language).orElse(null),
                available.stream().sorted().toList());
    }

    /** Parsed here, not by JAX-RS, which would answer a non-number with 404 instead of 400. */
    private static Integer versionOf(String version) {
        if (version == null || version.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(version.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("version must be a whole number",
                    java.util.List.of(new io.heartline.platform.web.Problem.FieldError("version", "must be a whole number")));
        }
    }
}
