package io.heartline.training.hours;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Problem.FieldError;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** The statements resource of an xAPI 1.0.3 LRS, for LMS completions (POST only). */
@Path("/api/v1/xapi/statements")
@RunOnVirtualThread
public class XapiResource {

    static final String VERSION_HEADER = "X-Experience-API-Version";

    private final XapiStatements statements;
    private final CurrentCaller caller;

    XapiResource(XapiStatements statements, CurrentCaller caller) {
        this.statements = statements;
        this.caller = caller;
    }

    /** Answers 200 with the statement ids, in order (as an LRS does). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HR_SYNC)
    public Response post(@HeaderParam(VERSION_HEADER) String version, JsonNode body) {
        if (version != null && !version.trim().startsWith("1.0")) {
            throw ProblemException.badRequest("Only xAPI 1.0.x is supported",
                    List.of(new FieldError(VERSION_HEADER, "1.0.3")));
        }
        List<String> ids = statements.store(caller.get(), body);
        return Response.ok(ids).header(VERSION_HEADER, "1.0.3").build();
    }
}
