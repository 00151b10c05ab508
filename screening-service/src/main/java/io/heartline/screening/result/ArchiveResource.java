package io.heartline.screening.result;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.heartline.platform.web.PersonIds;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** One person's confidential archive at the caller's school: psychologists only, every served result audited. */
@Path("/api/v1/subjects/{subjectId}/screenings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Archive")
@RolesAllowed(Roles.PSYCHOLOGIST)
public class ArchiveResource {

    static final String ENDPOINT = "GET /api/v1/subjects/{subjectId}/screenings";
    /** Points per instrument in a trend. */
    static final int TREND_POINTS = 12;

    private final CurrentCaller currentCaller;
    private final ScreeningQueries queries;
    private final ConfidentialReads reads;

    ArchiveResource(CurrentCaller currentCaller, ScreeningQueries queries, ConfidentialReads reads) {
        this.currentCaller = currentCaller;
        this.queries = queries;
        this.reads = reads;
    }

    @GET
    @RunOnVirtualThread
    @Operation(summary = "Results over time (newest first) and the trend per instrument (audited); 404 when the "
            + "person has no result at your school")
    public ResultViews.Archive get(@PathParam("subjectId") String subjectId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        PersonIds.require("subjectId", subjectId);
        Caller caller = currentCaller.get();
        String school = caller.requireSchool();
        PageRequest page = PageRequest.of(limit, cursor);
        List<StoredScreening> rows = queries.archive(caller.district(), school, subjectId, page);
        if (rows.isEmpty() && !page.hasCursor()) {
            throw ProblemException.notFound("Subject " + subjectId);
        }
        Page<ResultViews.Summary> items = page.page(rows, StoredScreening::submittedAt, StoredScreening::id,
                s -> ResultViews.Summary.of(s, reads.bandLabel(s)));
        List<StoredScreening> trendRows = queries.latestPerInstrument(caller.district(), school, subjectId, TREND_POINTS);
        List<StoredScreening> served = new ArrayList<>(rows.subList(0, items.items().size()));
        served.addAll(trendRows);
        reads.audit(caller, school, ENDPOINT, served);
        return new ResultViews.Archive(subjectId, items.items(), items.nextCursor(),
                Trends.of(trendRows, reads::instrumentOf));
    }
}
