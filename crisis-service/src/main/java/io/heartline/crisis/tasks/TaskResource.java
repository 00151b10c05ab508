package io.heartline.crisis.tasks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.heartline.crisis.Db;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;

/**
 * The caller's own crisis tasks (a department head's workload relief, a class teacher's check-in with the person):
 * what to do, for whom and by when; never notes, levels or factors.
 */
@Path("/api/v1/crisis-tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    public record Task(UUID id, UUID caseId, String subjectId, String kind, Instant dueAt, Instant createdAt,
            Instant doneAt) {
    }

    private final Db db;
    private final CurrentCaller caller;
    private final Clock clock;

    TaskResource(Db db, CurrentCaller caller, Clock clock) {
        this.db = db;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN })
    public Page<Task> mine(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Caller c = caller.get();
        PageRequest page = PageRequest.of(limit, cursor);
        List<Object> args = new ArrayList<>(List.of(c.requireDistrict(), c.id()));
        String sql = """
                SELECT t.id, t.case_id, k.subject_id, t.kind, t.due_at, t.created_at, t.done_at
                FROM case_task t JOIN crisis_case k ON k.id = t.case_id
                WHERE t.district = ? AND t.assignee_id = ?""";
        if (page.hasCursor()) {
            sql += " AND (t.created_at, t.id) < (?, ?)";
            args.add(page.beforeAt());
            args.add(page.beforeId());
        }
        sql += " ORDER BY t.created_at DESC, t.id DESC LIMIT ?";
        args.add(page.limit() + 1);
        List<Task> rows = db.list(sql, rs -> new Task(Db.uuid(rs, "id"), Db.uuid(rs, "case_id"),
                rs.getString("subject_id"), rs.getString("kind"), Db.instant(rs, "due_at"),
                Db.instant(rs, "created_at"), Db.instant(rs, "done_at")), args.toArray());
        return page.page(rows, Task::createdAt, Task::id, t -> t);
    }

    @POST
    @Path("{id}/done")
    @Transactional
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN })
    public Task done(@PathParam("id") String id) {
        Caller c = caller.get();
        UUID taskId;
        try {
            taskId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Task");
        }
        int n = db.update("""
                UPDATE case_task SET done_at = COALESCE(done_at, ?) WHERE id = ? AND district = ? AND assignee_id = ?""",
                clock.instant(), taskId, c.district(), c.id());
        if (n == 0) {
            throw ProblemException.notFound("Task");
        }
        return db.one("""
                SELECT t.id, t.case_id, k.subject_id, t.kind, t.due_at, t.created_at, t.done_at
                FROM case_task t JOIN crisis_case k ON k.id = t.case_id WHERE t.id = ?""",
                rs -> new Task(Db.uuid(rs, "id"), Db.uuid(rs, "case_id"), rs.getString("subject_id"),
                        rs.getString("kind"), Db.instant(rs, "due_at"), Db.instant(rs, "created_at"),
                        Db.instant(rs, "done_at")), taskId).orElseThrow();
    }
}
