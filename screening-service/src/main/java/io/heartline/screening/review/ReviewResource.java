package io.heartline.screening.review;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.Ids;
import io.heartline.platform.messaging.Outbox;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.RequestTrace;
import io.heartline.platform.web.Roles;
import io.heartline.screening.instrument.RiskLevel;
import io.heartline.screening.instrument.SubjectType;
import io.heartline.screening.result.ConfidentialReads;
import io.heartline.screening.result.ResultViews;
import io.heartline.screening.result.ScreeningQueries;
import io.heartline.screening.result.StoredScreening;
import io.smallrye.common.annotation.RunOnVirtualThread;

/**
 * Clinical review (不得简单地凭借量表下结论): a psychologist of the school confirms, raises or lowers a result's risk
 * level with a reason code. The computed level stays; the latest review gives the result's {@code riskLevel}. Audited
 * (record type {@code screening}) and published as {@code heartline.screening.reviewed.v1} (levels and code only).
 */
@Path("/api/v1/screenings/{id}/review")
@Tag(name = "Screenings")
@RolesAllowed(Roles.PSYCHOLOGIST)
public class ReviewResource {

    static final String ENDPOINT = "POST /api/v1/screenings/{id}/review";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reviewed(UUID screeningId, String subjectId, SubjectType subjectType, RiskLevel computedRiskLevel,
            RiskLevel riskLevel, ReviewRequest.Decision decision, String reasonCode) {
    }

    private final CurrentCaller currentCaller;
    private final ScreeningQueries queries;
    private final ConfidentialReads reads;
    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final RequestTrace trace;
    private final Clock clock;

    ReviewResource(CurrentCaller currentCaller, ScreeningQueries queries, ConfidentialReads reads,
            AgroalDataSource dataSource, Outbox outbox, RequestTrace trace, Clock clock) {
        this.currentCaller = currentCaller;
        this.queries = queries;
        this.reads = reads;
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.trace = trace;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @RunOnVirtualThread
    @Operation(summary = "Review a result: CONFIRM, RAISE or LOWER its risk level with a reason code (audited)")
    public ResultViews.Result review(@PathParam("id") String id, @Valid @NotNull ReviewRequest body) {
        Caller caller = currentCaller.get();
        String school = caller.requireSchool();
        StoredScreening s = Ids.parse(id).flatMap(uuid -> queries.find(school, caller.district(), uuid))
                .orElseThrow(() -> ProblemException.notFound("Screening " + id));
        RiskLevel computed = s.riskLevel();
        int cmp = body.riskLevel().compareTo(computed);
        boolean fits = switch (body.decision()) {
            case CONFIRM -> cmp == 0;
            case RAISE -> cmp > 0;
            case LOWER -> cmp < 0;
        };
        if (!fits) {
            throw ProblemException.badRequest("riskLevel does not fit the decision", List.of(new Problem.FieldError(
                    "riskLevel", body.decision() + " needs a level " + switch (body.decision()) {
                        case CONFIRM -> "equal to";
                        case RAISE -> "above";
                        case LOWER -> "below";
                    } + " the computed " + computed)));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("""
                INSERT INTO screening_review (id, screening_id, district, school, decision, computed_risk_level,
                    risk_level, reason_code, note, reviewed_by, reviewed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, Ids.next());
            ps.setObject(2, s.id());
            ps.setString(3, caller.district());
            ps.setString(4, school);
            ps.setString(5, body.decision().name());
            ps.setString(6, computed.name());
            ps.setString(7, body.riskLevel().name());
            ps.setString(8, body.reasonCode());
            ps.setString(9, body.note());
            ps.setString(10, caller.id());
            ps.setTimestamp(11, java.sql.Timestamp.from(now));
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot store the review (SQL state " + e.getSQLState() + ")");
        }
        outbox.append(EventBuilder.from("screening").type(EventTypes.Screening.REVIEWED).subject(s.subjectId())
                .school(school).district(caller.district()).traceparent(trace.traceparent())
                .requestId(trace.requestId()).data(new Reviewed(s.id(), s.subjectId(), s.subjectType(), computed,
                        body.riskLevel(), body.decision(), body.reasonCode()))
                .build());
        StoredScreening reviewed = queries.find(school, caller.district(), s.id()).orElseThrow();
        reads.audit(caller, school, ENDPOINT, List.of(reviewed));
        return ResultViews.Result.of(reviewed, reads.bandLabel(reviewed));
    }
}
