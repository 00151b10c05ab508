package io.heartline.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void primaryRoleIsTheMostPrivilegedHeld() {
        Caller c = new Caller("u1", Set.of(Roles.STAFF, Roles.PSYCHOLOGIST), "school-1", "district-1", "u1");
        assertEquals(Roles.PSYCHOLOGIST, c.primaryRole());
    }

    @Test
    void schoolScope() {
        Caller c = new Caller("u1", Set.of(Roles.TEACHER), "school-1", "district-1", "u1");
        assertTrue(c.inSchool("school-1"));
        assertFalse(c.inSchool("school-2"));
        assertEquals("school-1", c.requireSchool());
    }

    @Test
    void districtUserHasNoSchool() {
        Caller c = new Caller("d1", Set.of(Roles.DISTRICT_ADMIN), null, "district-1", "d1");
        assertFalse(c.inSchool("school-1"));
        assertEquals(403, assertThrows(ProblemException.class, c::requireSchool).problem().status());
    }
}
