package io.heartline.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PersonIdsTest {

    /** What the sources hand out: OneRoster sourcedIds (GUIDs, codes), HR employee numbers, IdP subjects. */
    @ParameterizedTest
    @ValueSource(strings = { "p-1", "E11", "U1", "G-", "psy-999", "0190a1b2-0000-7000-8000-000000000001",
            "user-6f1c2b3a-4d5e-4f60-8a9b-0c1d2e3f4a5b", "mei.zhang@school-7",
            "urn:district-1:s:42", "a_b.c" })
    void acceptsIdsTheSourcesIssue(String id) {
        assertTrue(PersonIds.valid(id), id);
        assertTrue(new PersonId.Validator().isValid(id, null), id);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "a b", "a\tb", "a\u0000b", "a\nb", "张三", "a/b", "a+b", "a%00", "a\u202eb",
            "12345678901234567890123456789012345678901234567890123456789012345", "'; DROP TABLE x --" })
    void refusesEverythingElse(String id) {
        assertFalse(PersonIds.valid(id), id);
        assertFalse(new PersonId.Validator().isValid(id, null), id);
    }

    @Test
    void sixtyFourCharactersAreTheLimit() {
        assertTrue(PersonIds.valid("a".repeat(64)));
        assertFalse(PersonIds.valid("a".repeat(65)));
    }

    @Test
    void nullIsMissingNotMalformed() {
        assertTrue(new PersonId.Validator().isValid(null, null));
        assertNull(PersonIds.optional("subjectId", null));
        ProblemException e = assertThrows(ProblemException.class, () -> PersonIds.require("subjectId", null));
        assertEquals(400, e.problem().status());
        ProblemException bad = assertThrows(ProblemException.class, () -> PersonIds.optional("personId", "a b"));
        assertEquals("personId", bad.problem().errors().get(0).field());
    }
}
