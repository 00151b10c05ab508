package io.heartline.screening.audit;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.heartline.platform.web.AuditLog;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.screening.submission.SubjectIds;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Who read which of a person's records at the school, when and through which endpoint (no answers, no scores). */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    private final CurrentCaller currentCaller;
    private final AuditLog auditLog;

    AuditResource(CurrentCaller currentCaller, AuditLog auditLog) {
        this.currentCaller = currentCaller;
        this.auditLog = auditLog;
    }

    @GET
    @RunOnVirtualThread
    @RolesAllowed(Roles.SCHOOL_ADMIN)
    @Operation(summary = "Reads of one person's records at your school, newest first")
    public Page<AuditLog.Entry> list(@QueryParam("subjectId") String subjectId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        String school = currentCaller.get().requireSchool();
        if (!SubjectIds.valid(subjectId)) {
            throw ProblemException.badRequest("subjectId is required",
                    List.of(new Problem.FieldError("subjectId", SubjectIds.MESSAGE)));
        }
        return auditLog.forSubject(school, subjectId, PageRequest.of(limit, cursor));
    }
}
