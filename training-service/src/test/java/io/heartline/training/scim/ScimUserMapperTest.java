package io.heartline.training.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.heartline.training.directory.Person;
import io.heartline.training.directory.PersonInput;
import io.heartline.training.directory.PersonKind;
import io.heartline.training.directory.PersonSource;
import io.heartline.training.directory.RoleAssignment;
import io.heartline.training.directory.SchoolRole;

class ScimUserMapperTest {

    private static final Instant T = Instant.parse("2026-09-01T08:00:00Z");

    private static Person held() {
        return new Person("d1", "E1", PersonKind.STAFF, PersonSource.SCIM, "E1", "mei", "Mei Chen", "Mei", "Chen",
                "s1", null, null, "mei@x.example", "+86 1", "Psychology", true,
                List.of(new RoleAssignment(SchoolRole.CLASS_TEACHER, "s1", List.of("c1"), false)), null, T, T, 3);
    }

    @Test
    void aRepresentationReadBackIsTheSamePerson() {
        Person p = held();
        PersonInput again = ScimUserMapper.toInput(ScimUserMapper.toScim(p, URI.create("http://h/scim/v2/Users/E1")),
                p);
        assertEquals(true, p.sameAs(again), "GET then PUT changes nothing");
        assertNull(again.previousSourceId());
    }

    @Test
    void attributeNamesAreCaseInsensitiveAndBooleansMayBeStrings() {
        PersonInput in = ScimUserMapper.toInput(ScimJson.readObject("""
                {"USERNAME": "a", "ExternalId": "E9", "Active": "False", "NAME": {"GIVENNAME": "A"}}"""), null);
        assertEquals("a", in.userName());
        assertEquals("E9", in.sourceId());
        assertEquals("A", in.givenName());
        assertFalse(in.active());
    }

    @Test
    void theEmployeeNumberThatMovedIsTheNewSourceId() {
        assertEquals("NEW", ScimUserMapper.sourceId("NEW", "OLD", "OLD"));
        assertEquals("NEW", ScimUserMapper.sourceId("OLD", "NEW", "OLD"));
        assertEquals("E1", ScimUserMapper.sourceId(null, "E1", null));
        assertEquals("invalidValue", assertThrows(ScimFailure.class,
                () -> ScimUserMapper.sourceId("A", "B", null)).scimType());
        assertEquals("invalidValue", assertThrows(ScimFailure.class,
                () -> ScimUserMapper.sourceId(null, null, null)).scimType());
    }

    @Test
    void aChangedExternalIdIsAReKeyAndIdIsReadOnly() {
        Person p = held();
        PersonInput in = ScimUserMapper.toInput(ScimJson.readObject("""
                {"userName": "mei", "externalId": "E2"}"""), p);
        assertEquals("E2", in.sourceId());
        assertEquals("E1", in.previousSourceId());
        assertEquals("mutability", assertThrows(ScimFailure.class, () -> ScimUserMapper.toInput(
                ScimJson.readObject("{\"id\": \"other\", \"userName\": \"mei\", \"externalId\": \"E1\"}"), p))
                .scimType());
    }

    @Test
    void schoolRolesTakeTheExtensionsSchoolByDefault() {
        PersonInput in = ScimUserMapper.toInput(ScimJson.readObject("""
                {"userName": "b", "externalId": "E3",
                 "urn:heartline:params:scim:schemas:extension:school:2.0:User": {"schoolId": "s9",
                   "roles": [{"role": "COUNSELLOR"}, {"role": "CLASS_TEACHER", "schoolId": "s8", "classIds": ["c2"]}]}}
                """), null);
        assertEquals("s9", in.schoolId());
        assertEquals(List.of(new RoleAssignment(SchoolRole.CLASS_TEACHER, "s8", List.of("c2"), true),
                new RoleAssignment(SchoolRole.COUNSELLOR, "s9", List.of(), true)), in.roles());
    }

    @Test
    void thePrimaryEmailIsKeptElseTheFirst() {
        assertEquals("b", ScimUserMapper.primaryValue(ScimJson.readObject("""
                {"v": [{"value": "a"}, {"value": "b", "primary": true}]}""").get("v"), "emails"));
        assertEquals("a", ScimUserMapper.primaryValue(ScimJson.readObject("""
                {"v": [{"value": "a"}, {"value": "b"}]}""").get("v"), "emails"));
    }
}
