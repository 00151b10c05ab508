package io.heartline.screening.result;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.heartline.platform.events.Ids;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.screening.instrument.RiskLevel;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** One result and the worklist: psychologists of the school only, every served result audited. */
@Path("/api/v1/screenings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Screenings")
@RolesAllowed(Roles.PSYCHOLOGIST)
public class ResultResource {

    static final String ONE = "GET /api/v1/screenings/{id}";
    static final String WORKLIST = "GET /api/v1/screenings";

    private final CurrentCaller currentCaller;
    private final ScreeningQueries queries;
    private final ConfidentialReads reads;

    ResultResource(CurrentCaller currentCaller, ScreeningQueries queries, ConfidentialReads reads) {
        this.currentCaller = currentCaller;
        this.queries = queries;
        this.reads = reads;
    }

    @GET
    @Path("/{id}")
    @RunOnVirtualThread
    @Operation(summary = "A full result, answers included (audited)")
    public ResultViews.Result get(@PathParam("id") String id) {
        Caller caller = currentCaller.get();
        String school = caller.requireSchool();
        StoredScreening s = Ids.parse(id).flatMap(uuid -> queries.find(school, caller.district(), uuid))
                .orElseThrow(() -> ProblemException.notFound("Screening " + id));
        reads.audit(caller, school, ONE, List.of(s));
        return ResultViews.Result.of(s, reads.bandLabel(s));
    }

    @GET
    @RunOnVirtualThread
    @Operation(summary = "Worklist: results of your school at or above a risk level (reviewed level, else computed), "
            + "unreviewed first, each group newest first (audited)")
    public Page<ResultViews.Summary> worklist(
            @Parameter(description = "lowest level listed; MODERATE when absent") @QueryParam("riskLevel") String riskLevel,
            @Parameter(description = "ISO-8601 instant: only results submitted at or after it") @QueryParam("since") String since,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Caller caller = currentCaller.get();
        String school = caller.requireSchool();
        PageRequest page = PageRequest.of(limit, cursor);
        List<StoredScreening> rows = queries.worklist(school, caller.district(), level(riskLevel), instant(since), page);
        Page<ResultViews.Summary> result = page.page(rows, StoredScreening::submittedAt, StoredScreening::id,
                s -> ResultViews.Summary.of(s, reads.bandLabel(s)));
        reads.audit(caller, school, WORKLIST, rows.subList(0, result.items().size()));
        return result;
    }


    private static RiskLevel level(String value) {
        if (value == null || value.isBlank()) {
            return RiskLevel.MODERATE;
        }
        try {
            return RiskLevel.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("riskLevel is not a risk level", List.of(new Problem.FieldError(
                    "riskLevel", "one of NONE, LOW, MODERATE, HIGH, CRITICAL")));
        }
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("since is not an ISO-8601 instant",
                    List.of(new Problem.FieldError("since", "an ISO-8601 instant, e.g. 2026-09-01T00:00:00Z")));
        }
    }
}
