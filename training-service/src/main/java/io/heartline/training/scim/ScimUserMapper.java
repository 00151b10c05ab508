package io.heartline.training.scim;

import io.heartline.platform.web.PersonIds;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heartline.training.directory.Person;
import io.heartline.training.directory.PersonInput;
import io.heartline.training.directory.PersonKind;
import io.heartline.training.directory.PersonSource;
import io.heartline.training.directory.RoleAssignment;
import io.heartline.training.directory.SchoolRole;

/**
 * Between a SCIM User (core + Enterprise User + Heartline school extension) and the directory's staff person.
 * The mapping is written down in docs/scim.md.
 */
final class ScimUserMapper {

    private ScimUserMapper() {
    }

    /** The SCIM representation of a staff member; {@code location} is the resource's URL. */
    static ObjectNode toScim(Person p, URI location) {
        ObjectNode user = ScimJson.object();
        ArrayNode schemas = user.putArray("schemas").add(ScimSchemas.USER).add(ScimSchemas.ENTERPRISE_USER);
        user.put("id", p.personId());
        user.put("externalId", p.sourceId());
        user.put("userName", p.userName());
        ObjectNode name = ScimJson.object();
        putIfPresent(name, "givenName", p.givenName());
        putIfPresent(name, "familyName", p.familyName());
        String formatted = ((p.givenName() == null ? "" : p.givenName()) + " "
                + (p.familyName() == null ? "" : p.familyName())).trim();
        putIfPresent(name, "formatted", formatted.isEmpty() ? null : formatted);
        if (!name.isEmpty()) {
            user.set("name", name);
        }
        putIfPresent(user, "displayName", p.displayName());
        if (p.email() != null) {
            user.putArray("emails").addObject().put("value", p.email()).put("type", "work").put("primary", true);
        }
        if (p.phone() != null) {
            user.putArray("phoneNumbers").addObject().put("value", p.phone()).put("type", "work")
                    .put("primary", true);
        }
        user.put("active", p.active());
        ObjectNode enterprise = user.putObject(ScimSchemas.ENTERPRISE_USER);
        enterprise.put("employeeNumber", p.sourceId());
        putIfPresent(enterprise, "department", p.department());
        if (p.schoolId() != null || !p.roles().isEmpty()) {
            schemas.add(ScimSchemas.SCHOOL_USER);
            ObjectNode school = user.putObject(ScimSchemas.SCHOOL_USER);
            putIfPresent(school, "schoolId", p.schoolId());
            ArrayNode roles = school.putArray("roles");
            for (RoleAssignment r : p.roles()) {
                ObjectNode role = roles.addObject().put("role", r.role().name()).put("schoolId", r.schoolId());
                ArrayNode classes = role.putArray("classIds");
                r.classIds().forEach(classes::add);
                role.put("fullTime", r.fullTime());
            }
        }
        ObjectNode meta = user.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", p.createdAt().toString());
        meta.put("lastModified", p.updatedAt().toString());
        meta.put("location", location.toString());
        meta.put("version", etag(p));
        return user;
    }

    /** The weak entity tag of a person's current version ({@code meta.version} and the {@code ETag} header). */
    static String etag(Person p) {
        return "W/\"" + p.version() + "\"";
    }

    /**
     * What a SCIM User body says the staff member is now. {@code current} is the person held (PUT, PATCH) or null
     * (POST); a changed external id becomes a re-key of the same person.
     */
    static PersonInput toInput(JsonNode user, Person current) {
        String id = ScimJson.text(user, "id");
        if (current != null && id != null && !id.equals(current.personId())) {
            throw ScimFailure.mutability("'id' is read-only and cannot change");
        }
        String userName = ScimJson.text(user, "userName");
        if (userName == null) {
            throw ScimFailure.invalidValue("'userName' is required");
        }
        JsonNode enterprise = ScimJson.member(user, ScimSchemas.ENTERPRISE_USER);
        String sourceId = sourceId(ScimJson.text(user, "externalId"), ScimJson.text(enterprise, "employeeNumber"),
                current == null ? null : current.sourceId());
        String previous = current != null && !sourceId.equals(current.sourceId()) ? current.sourceId() : null;

        JsonNode name = ScimJson.member(user, "name");
        String displayName = ScimJson.text(user, "displayName");
        if (displayName == null) {
            displayName = ScimJson.text(name, "formatted");
        }
        Boolean active = ScimJson.bool(user, "active");
        JsonNode school = ScimJson.member(user, ScimSchemas.SCHOOL_USER);
        String schoolId = ScimJson.text(school, "schoolId");
        List<RoleAssignment> roles = roles(ScimJson.member(school, "roles"), schoolId);
        if (schoolId == null && !roles.isEmpty()) {
            schoolId = roles.get(0).schoolId();
        }
        return new PersonInput(PersonKind.STAFF, PersonSource.SCIM, sourceId, previous, userName, displayName,
                ScimJson.text(name, "givenName"), ScimJson.text(name, "familyName"), schoolId, null, null,
                primaryValue(ScimJson.member(user, "emails"), "emails"),
                primaryValue(ScimJson.member(user, "phoneNumbers"), "phoneNumbers"),
                ScimJson.text(enterprise, "department"), active == null || active, roles, null);
    }

    /**
     * The HR employee number: {@code externalId} or the enterprise {@code employeeNumber} (one is required). When
     * both are sent and differ, the one that moved away from the id held is the new one (a PATCH of one of them
     * leaves the other at the old value).
     */
    static String sourceId(String externalId, String employeeNumber, String held) {
        for (String id : new String[] { externalId, employeeNumber }) {
            if (id != null && !PersonIds.valid(id)) {
                throw ScimFailure.invalidValue("'externalId' and 'employeeNumber' " + PersonIds.MESSAGE
                        + " (Heartline's person id format)");
            }
        }
        if (externalId == null && employeeNumber == null) {
            throw ScimFailure.invalidValue("'externalId' or the enterprise 'employeeNumber' (the HR employee number)"
                    + " is required");
        }
        if (externalId == null || employeeNumber == null || externalId.equals(employeeNumber)) {
            return externalId != null ? externalId : employeeNumber;
        }
        if (held != null && employeeNumber.equals(held)) {
            return externalId;
        }
        if (held != null && externalId.equals(held)) {
            return employeeNumber;
        }
        throw ScimFailure.invalidValue("'externalId' and 'employeeNumber' differ; both are the HR employee number");
    }

    private static List<RoleAssignment> roles(JsonNode roles, String defaultSchool) {
        if (roles == null || roles.isNull()) {
            return List.of();
        }
        if (!roles.isArray()) {
            throw ScimFailure.invalidValue("'roles' of " + ScimSchemas.SCHOOL_USER + " must be an array");
        }
        List<RoleAssignment> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode r : roles) {
            String code = ScimJson.text(r, "role");
            SchoolRole role = SchoolRole.parse(code).orElseThrow(() -> ScimFailure.invalidValue(
                    "Unknown school role '" + code + "'"));
            String schoolId = ScimJson.text(r, "schoolId");
            if (schoolId == null) {
                schoolId = defaultSchool;
            }
            if (schoolId == null) {
                throw ScimFailure.invalidValue("Role " + role + " needs a 'schoolId'");
            }
            if (!seen.add(schoolId + "/" + role)) {
                throw ScimFailure.invalidValue("Role " + role + " at school " + schoolId + " is listed twice");
            }
            Boolean fullTime = ScimJson.bool(r, "fullTime");
            out.add(new RoleAssignment(role, schoolId, classIds(ScimJson.member(r, "classIds")),
                    fullTime == null || fullTime));
        }
        return out;
    }

    private static List<String> classIds(JsonNode classIds) {
        if (classIds == null || classIds.isNull()) {
            return List.of();
        }
        if (!classIds.isArray()) {
            throw ScimFailure.invalidValue("'classIds' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode c : classIds) {
            if (!c.isTextual() || c.asText().isBlank()) {
                throw ScimFailure.invalidValue("'classIds' must be an array of strings");
            }
            out.add(c.asText().trim());
        }
        return out;
    }

    /** The directory keeps one email and one phone: the primary value, else the first. */
    static String primaryValue(JsonNode values, String attribute) {
        if (values == null || values.isNull()) {
            return null;
        }
        if (!values.isArray()) {
            throw ScimFailure.invalidValue("'" + attribute + "' must be an array");
        }
        String first = null;
        for (JsonNode v : values) {
            String value = ScimJson.text(v, "value");
            if (value == null) {
                continue;
            }
            if (Boolean.TRUE.equals(ScimJson.bool(v, "primary"))) {
                return value;
            }
            if (first == null) {
                first = value;
            }
        }
        return first;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
