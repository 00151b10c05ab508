package io.heartline.training.certificates;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import jakarta.validation.Valid;
import io.heartline.platform.web.PersonIds;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.training.certificates.CertificateViews.CertificateView;
import io.heartline.training.certificates.CertificateViews.IssueQualification;
import io.heartline.training.certificates.CertificateViews.Verification;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Certificates: the holder and admins read them; anyone verifies a code. */
@Path("/api/v1/certificates")
@RunOnVirtualThread
public class CertificateResource {

    private final CertificateService service;
    private final CurrentCaller caller;

    CertificateResource(CertificateService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Page<CertificateView> list(@QueryParam("personId") String personId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return service.list(caller.get(), PersonIds.optional("personId", personId), PageRequest.of(limit, cursor));
    }

    @POST
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Response issue(@Valid @NotNull IssueQualification body) {
        CertificateView v = service.issueQualification(caller.get(), body);
        return Response.created(URI.create("/api/v1/certificates/" + v.id())).entity(v).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public CertificateView get(@PathParam("id") String id) {
        return service.get(caller.get(), uuid(id));
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed({ Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public CertificateView revoke(@PathParam("id") String id, @NotNull CertificateViews.Revocation body) {
        return service.revoke(caller.get(), uuid(id), body);
    }

    @GET
    @Path("/{id}/open-badge")
    @Produces({ MediaType.APPLICATION_JSON, "application/ld+json", "application/vc+ld+json" })
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Map<String, Object> openBadge(@PathParam("id") String id) {
        return service.openBadge(caller.get(), uuid(id));
    }

    /** Public: no token. Shows kind, level, the holder's initials and validity; nothing else. */
    @GET
    @Path("/verify/{code}")
    @PermitAll
    public Verification verify(@PathParam("code") String code) {
        if (code == null || code.length() > 40) {
            throw ProblemException.notFound("Certificate");
        }
        return service.verify(code);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Certificate");
        }
    }
}
