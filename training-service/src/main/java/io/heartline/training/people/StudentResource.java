package io.heartline.training.people;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.heartline.platform.web.PersonIds;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Students of the directory: for the school's psychologists, the class teacher, and the student themself. */
@Path("/api/v1/students")
@RunOnVirtualThread
public class StudentResource {

    private final StudentReads reads;
    private final CurrentCaller caller;

    StudentResource(StudentReads reads, CurrentCaller caller) {
        this.reads = reads;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.PSYCHOLOGIST, Roles.TEACHER, Roles.STUDENT })
    public StudentView get(@PathParam("id") String id) {
        return reads.student(caller.get(), PersonIds.require("id", id));
    }

    @GET
    @Path("/{id}/guardians")
    @RolesAllowed({ Roles.PSYCHOLOGIST, Roles.TEACHER })
    public Page<GuardianView> guardians(@PathParam("id") String id) {
        return reads.guardians(caller.get(), PersonIds.require("id", id));
    }
}
