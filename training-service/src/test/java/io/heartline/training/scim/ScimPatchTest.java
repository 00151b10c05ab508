package io.heartline.training.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

class ScimPatchTest {

    private static final ObjectNode USER = ScimJson.readObject("""
            {"id": "E1", "userName": "mei", "externalId": "E1", "name": {"givenName": "Mei", "familyName": "Chen"},
             "emails": [{"value": "mei@x.example", "type": "work", "primary": true}], "active": true,
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "E1"}}""");

    private static ObjectNode patch(String operations) {
        return ScimPatch.apply(USER, ScimJson.readObject("{\"Operations\": " + operations + "}"));
    }

    @Test
    void pathlessReplaceWithDottedKeysSetsSubAttributes() {
        ObjectNode after = patch("""
                [{"op": "Replace", "value": {"name.givenName": "Lan", "active": false,
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Art"}}]""");
        assertEquals("Lan", after.get("name").get("givenName").asText());
        assertEquals("Chen", after.get("name").get("familyName").asText());
        assertFalse(after.get("active").asBoolean());
        assertEquals("Art", after.get("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
                .get("department").asText());
        assertEquals("Mei", USER.get("name").get("givenName").asText(), "the input is left alone");
    }

    @Test
    void addThroughAValueFilterReplacesAnExistingValue() {
        ObjectNode after = patch("""
                [{"op": "add", "path": "emails[type eq \\"work\\"].value", "value": "new@x.example"}]""");
        assertEquals("new@x.example", after.get("emails").get(0).get("value").asText());
        assertEquals(1, after.get("emails").size());
    }

    @Test
    void removeDropsTheAttribute() {
        assertNull(patch("[{\"op\": \"remove\", \"path\": \"name.familyName\"}]").get("name").get("familyName"));
    }

    @Test
    void malformedOrReadOnlyOperationsAreRefused() {
        assertEquals("invalidSyntax", assertThrows(ScimFailure.class, () -> patch("[]")).scimType());
        assertEquals("invalidSyntax", assertThrows(ScimFailure.class,
                () -> patch("[{\"op\": \"jump\", \"path\": \"active\", \"value\": true}]")).scimType());
        assertEquals("mutability", assertThrows(ScimFailure.class,
                () -> patch("[{\"op\": \"replace\", \"value\": {\"meta\": {}}}]")).scimType());
    }
}
