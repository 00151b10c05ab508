package io.heartline.screening.licence;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.heartline.platform.events.Ids;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.screening.instrument.Instrument;
import io.heartline.screening.instrument.InstrumentCatalogue;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Licences of LICENSED instruments, per district: recorded by the district administrator. */
@Path("/api/v1/instruments/{code}/licences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Instrument licences")
public class LicenceResource {

    private final InstrumentCatalogue catalogue;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    LicenceResource(InstrumentCatalogue catalogue, CurrentCaller currentCaller, Clock clock) {
        this.clock = clock;
        this.catalogue = catalogue;
        this.currentCaller = currentCaller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @RunOnVirtualThread
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Record your district's licence for a LICENSED instrument")
    public Response record(@PathParam("code") String code, @Valid @NotNull RecordLicenceRequest body) {
        Caller caller = currentCaller.get();
        String district = caller.requireDistrict();
        Instrument instrument = licensed(code);
        Instant now = clock.instant();
        Instant from = body.validFrom() != null ? body.validFrom() : now;
        if (body.validUntil() != null && !body.validUntil().isAfter(from)) {
            throw ProblemException.badRequest("validUntil must be after validFrom",
                    List.of(new Problem.FieldError("validUntil", "must be after validFrom")));
        }
        InstrumentLicence licence = new InstrumentLicence();
        licence.id = Ids.next();
        licence.instrumentCode = instrument.code();
        licence.district = district;
        licence.licensee = body.licensee();
        licence.reference = body.reference();
        licence.validFrom = from;
        licence.validUntil = body.validUntil();
        licence.recordedBy = caller.id();
        licence.recordedAt = now;
        licence.persist();
        return Response.created(URI.create("/api/v1/instruments/" + code + "/licences/" + licence.id))
                .entity(LicenceView.of(licence)).build();
    }

    @GET
    @RunOnVirtualThread
    @RolesAllowed({ Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.PSYCHOLOGIST })
    @Operation(summary = "Your district's licences for an instrument, newest first")
    public List<LicenceView> list(@PathParam("code") String code) {
        Caller caller = currentCaller.get();
        Instrument instrument = catalogue.current(code).orElseThrow(() -> ProblemException.notFound("Instrument " + code));
        return InstrumentLicence.ofDistrict(instrument.code(), caller.requireDistrict()).stream().map(LicenceView::of)
                .toList();
    }

    private Instrument licensed(String code) {
        Instrument instrument = catalogue.current(code).orElseThrow(() -> ProblemException.notFound("Instrument " + code));
        if (!instrument.isLicensed()) {
            throw ProblemException.conflict(code + " is FREE: it needs no licence");
        }
        return instrument;
    }
}
