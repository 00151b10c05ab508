package io.heartline.crisis.audit;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.heartline.crisis.Db;
import io.heartline.platform.web.AuditLog;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;

/**
 * This service's part of {@code GET /api/v1/audit?subjectId=}: who read which of the person's crisis records, when and
 * through which endpoint (no notes). Scoped by the pair (district, school); a district admin sees the district's.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final CurrentCaller caller;
    private final Db db;

    AuditResource(CurrentCaller caller, Db db) {
        this.caller = caller;
        this.db = db;
    }

    @GET
    @RolesAllowed({ Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Page<AuditLog.Entry> list(@QueryParam("subjectId") String subjectId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Caller c = caller.get();
        String district = c.requireDistrict();
        String school = c.hasRole(Roles.DISTRICT_ADMIN) ? null : c.requireSchool();
        if (subjectId == null || subjectId.isBlank() || subjectId.length() > 64) {
            throw ProblemException.badRequest("subjectId is required",
                    List.of(new Problem.FieldError("subjectId", "a person id of 1 to 64 characters")));
        }
        PageRequest page = PageRequest.of(limit, cursor);
        List<Object> args = new ArrayList<>(List.of(district, subjectId));
        String sql = """
                SELECT id, at, actor, actor_role, subject_id, record_type, record_id, endpoint, request_id
                FROM audit_record WHERE district = ? AND subject_id = ?""";
        if (school != null) {
            sql += " AND school = ?";
            args.add(school);
        }
        if (page.hasCursor()) {
            sql += " AND (at, id) < (?, ?)";
            args.add(page.beforeAt());
            args.add(page.beforeId());
        }
        sql += " ORDER BY at DESC, id DESC LIMIT ?";
        args.add(page.limit() + 1);
        List<AuditLog.Entry> rows = db.list(sql, rs -> new AuditLog.Entry(Db.uuid(rs, "id"), Db.instant(rs, "at"),
                rs.getString("actor"), rs.getString("actor_role"), rs.getString("subject_id"),
                rs.getString("record_type"), rs.getString("record_id"), rs.getString("endpoint"),
                rs.getString("request_id")), args.toArray());
        return page.page(rows, AuditLog.Entry::at, AuditLog.Entry::id, e -> e);
    }
}
