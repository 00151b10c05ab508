package io.heartline.training.hours;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import jakarta.validation.Valid;
import io.heartline.platform.web.PersonIds;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Problem.FieldError;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.training.hours.TrainingRecords.CreditInput;
import io.heartline.training.hours.TrainingRecords.CreditView;
import io.heartline.training.hours.TrainingRecords.RecordView;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** A person's yearly training record: the person, their school's admins, the district's admins. */
@Path("/api/v1/training-records")
@RunOnVirtualThread
public class TrainingRecordResource {

    private final TrainingRecords records;
    private final CurrentCaller caller;

    TrainingRecordResource(TrainingRecords records, CurrentCaller caller) {
        this.records = records;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.STAFF, Roles.TEACHER, Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public RecordView get(@QueryParam("personId") String personId, @QueryParam("year") String year) {
        return records.record(caller.get(), PersonIds.optional("personId", personId), year(year));
    }

    /** Conference attendance and other external training, recorded by admins. */
    @POST
    @Path("/credits")
    @RolesAllowed({ Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Response credit(@Valid @NotNull CreditInput body) {
        CreditView v = records.credit(caller.get(), body);
        return Response.status(201).entity(v).build();
    }

    static Integer year(String year) {
        if (year == null || year.isBlank()) {
            return null;
        }
        try {
            int y = Integer.parseInt(year.trim());
            if (y >= 2000 && y <= 2200) {
                return y;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ProblemException.badRequest("year must be a year between 2000 and 2200",
                List.of(new FieldError("year", "a year between 2000 and 2200")));
    }
}
