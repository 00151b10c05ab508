package io.heartline.training.rosterimport;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Idempotency;
import io.heartline.platform.web.KeyPage;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.RequestTrace;
import io.heartline.platform.web.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Roster imports of the district's IT ({@code hr-sync}): upload, follow, apply, confirm. */
@Path("/api/v1/roster-imports")
@Tag(name = "Roster imports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.HR_SYNC)
@RunOnVirtualThread
public class RosterImportResource {

    private final CurrentCaller currentCaller;
    private final RosterImports imports;
    private final ImportRunner runner;
    private final Idempotency idempotency;
    private final RequestTrace trace;
    private final ImportConfig config;
    private final TransactionSynchronizationRegistry transactions;

    RosterImportResource(CurrentCaller currentCaller, RosterImports imports, ImportRunner runner,
            Idempotency idempotency, RequestTrace trace, ImportConfig config,
            TransactionSynchronizationRegistry transactions) {
        this.currentCaller = currentCaller;
        this.imports = imports;
        this.runner = runner;
        this.idempotency = idempotency;
        this.trace = trace;
        this.config = config;
        this.transactions = transactions;
    }

    /** What identifies "the same upload" for Idempotency-Key. */
    record UploadKey(String format, boolean dryRun, String sha256) {
    }

    @POST
    @Consumes({ "application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM, "text/csv",
            MediaType.APPLICATION_JSON })
    @Transactional
    @Operation(summary = "Upload a OneRoster CSV bundle (zip) or an HR staff file (CSV or JSON). 202 with the import;"
            + " dryRun (default true) only reports what would change. Idempotency-Key honoured.")
    public Response upload(@QueryParam("format") String format, @QueryParam("dryRun") String dryRun,
            @HeaderParam(Idempotency.HEADER) String key, byte[] body) {
        Caller caller = currentCaller.get();
        caller.requireDistrict();
        ImportFormat f = ImportFormat.of(format).orElseThrow(() -> ProblemException.badRequest(
                "format must be oneroster-csv, staff-csv or staff-json",
                List.of(new Problem.FieldError("format", "one of oneroster-csv, staff-csv, staff-json"))));
        boolean dry = parseDryRun(dryRun);
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("The upload is empty",
                    List.of(new Problem.FieldError("body", "the file to import")));
        }
        if (body.length > config.maxUploadSize().asLongValue()) {
            throw new ProblemException(Problem.of(413, "payload-too-large", "Upload too large",
                    "A roster upload may be at most " + config.maxUploadSize().asLongValue() + " bytes", null));
        }
        UploadKey id = new UploadKey(f.code(), dry, RosterImports.sha256(body));
        return idempotency.run("roster-imports", caller, key, id, () -> {
            RosterImport job = imports.create(caller, f, dry, body, trace.requestId());
            wakeAfterCommit();
            return Response.accepted(ImportViews.Import.of(job, List.of(), false))
                    .location(URI.create("/api/v1/roster-imports/" + job.id())).build();
        });
    }

    @GET
    @Operation(summary = "The district's recent imports, newest first (counts only).")
    public List<ImportViews.Import> list(@QueryParam("limit") String limit) {
        return imports.recent(currentCaller.get(), PageRequest.of(limit, null).limit());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "State, progress (rowsDone of rowsTotal), counts, refused rows with reasons, held reason.")
    public ImportViews.Import get(@PathParam("id") String id) {
        return imports.view(currentCaller.get(), id);
    }

    @GET
    @Path("/{id}/rows")
    @Operation(summary = "The row-by-row report in file order: every change (or, in a dry run, would-be change), "
            + "refusal and skip; unchanged rows are only counted. ?action=ERROR|CREATED|…")
    public Page<ImportViews.ReportLine> rows(@PathParam("id") String id, @QueryParam("action") String action,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return imports.report(currentCaller.get(), id, action == null || action.isBlank() ? null : action,
                KeyPage.of(limit, cursor));
    }

    @POST
    @Path("/{id}/apply")
    @Transactional
    @Operation(summary = "Apply a finished dry run (state DRY_RUN_DONE); 202. Any other state: 409.")
    public Response apply(@PathParam("id") String id) {
        RosterImport job = imports.apply(currentCaller.get(), id);
        wakeAfterCommit();
        return Response.accepted(ImportViews.Import.of(job, List.of(), false)).build();
    }

    @POST
    @Path("/{id}/confirm")
    @Transactional
    @Operation(summary = "Confirm a HELD import (it deactivates more than the threshold); 202. Other states: 409.")
    public Response confirm(@PathParam("id") String id) {
        RosterImport job = imports.confirm(currentCaller.get(), id);
        wakeAfterCommit();
        return Response.accepted(ImportViews.Import.of(job, List.of(), false)).build();
    }

    private static boolean parseDryRun(String dryRun) {
        if (dryRun == null || dryRun.isBlank() || dryRun.equals("true")) {
            return true;
        }
        if (dryRun.equals("false")) {
            return false;
        }
        throw ProblemException.badRequest("dryRun must be true or false",
                List.of(new Problem.FieldError("dryRun", "true or false")));
    }

    private void wakeAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    runner.wake();
                }
            }
        });
    }
}
