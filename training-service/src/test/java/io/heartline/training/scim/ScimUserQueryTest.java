package io.heartline.training.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScimUserQueryTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "userName eq \"a.b\"                                                                  | USER_NAME | a.b",
            "USERNAME Eq \"a.b\"                                                                  | USER_NAME | a.b",
            "externalId eq \"E1\"                                                                 | SOURCE_ID | E1",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"E1\" | SOURCE_ID | E1",
            "id eq \"P1\"                                                                         | PERSON_ID | P1" })
    void equalityOnAnIdentifyingAttribute(String filter, ScimUserQuery.Attribute attribute, String value) {
        assertEquals(new ScimUserQuery(attribute, value), ScimUserQuery.parse(filter));
    }

    @ParameterizedTest
    @ValueSource(strings = { "userName co \"a\"", "displayName eq \"a\"", "userName eq \"a\" or userName eq \"b\"",
            "userName eq", "emails[type eq \"work\"].value eq \"x\"", "userName eq 3" })
    void anythingElseIsAnInvalidFilter(String filter) {
        assertEquals("invalidFilter", assertThrows(ScimFailure.class, () -> ScimUserQuery.parse(filter)).scimType());
    }
}
