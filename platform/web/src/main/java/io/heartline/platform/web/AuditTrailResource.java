package io.heartline.platform.web;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.Authenticated;

/**
 * Every service's part of the audit trail, the same code everywhere (the gateway merges the four answers):
 * {@code GET /api/v1/audit?subjectId=} for school admins (own district and school) and district admins (own
 * district), and {@code GET /api/v1/me/access-log} for anyone about themselves. Keyset-paged, newest first.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AuditTrailResource {

    /** Person ids as the identity provider issues them (the format screening's intake enforces). */
    static final Pattern PERSON_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

    private final CurrentCaller caller;
    private final AuditLog auditLog;

    AuditTrailResource(CurrentCaller caller, AuditLog auditLog) {
        this.caller = caller;
        this.auditLog = auditLog;
    }

    @GET
    @Path("audit")
    @RolesAllowed({ Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public AuditLog.TrailPage<AuditLog.Entry> audit(@QueryParam("subjectId") String subjectId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Caller c = caller.get();
        if (subjectId == null || !PERSON_ID.matcher(subjectId).matches()) {
            throw ProblemException.badRequest("subjectId is required",
                    List.of(new Problem.FieldError("subjectId", "must be 1 to 64 letters, digits or . _ : @ -")));
        }
        return auditLog.forSubject(c, subjectId, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("me/access-log")
    @Authenticated
    public AuditLog.TrailPage<AuditLog.AccessEntry> accessLog(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return auditLog.forPerson(caller.get(), PageRequest.of(limit, cursor));
    }
}
