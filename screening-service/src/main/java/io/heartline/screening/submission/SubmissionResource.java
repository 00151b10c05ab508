package io.heartline.screening.submission;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Idempotency;
import io.heartline.platform.web.Roles;
import io.smallrye.common.annotation.Blocking;

/** {@code POST /api/v1/screenings}: the intake. Answers a receipt, never the score. */
@Path("/api/v1/screenings")
@Tag(name = "Screenings")
public class SubmissionResource {

    private final CurrentCaller currentCaller;
    private final IntakeService intake;
    private final Idempotency idempotency;

    SubmissionResource(CurrentCaller currentCaller, IntakeService intake, Idempotency idempotency) {
        this.currentCaller = currentCaller;
        this.intake = intake;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    // A worker thread, not a virtual one: the intake makes eight JDBC round trips, and parking and remounting a
    // virtual thread on each cost ≈ 20 % more CPU per submission (docs/benchmarks.md, alternated runs).
    @Blocking
    @RolesAllowed({ Roles.STUDENT, Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST })
    @Operation(summary = "Submit a screening (about yourself; a psychologist about anyone of the school; "
            + "a teacher an observer form about a student). 201 with a receipt; Idempotency-Key honoured.")
    public Response submit(@HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("Accept-Language") String acceptLanguage, @Valid @NotNull SubmitScreeningRequest body) {
        Caller caller = currentCaller.get();
        NewScreening screening = intake.prepare(caller, body, acceptLanguage);
        return idempotency.run("screenings", caller, key, body, () -> {
            Receipt receipt = intake.record(screening);
            return Response.created(URI.create("/api/v1/screenings/" + receipt.id())).entity(receipt).build();
        });
    }
}
