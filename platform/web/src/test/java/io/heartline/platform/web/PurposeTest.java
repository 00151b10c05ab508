package io.heartline.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PurposeTest {

    @ParameterizedTest(name = "header={0} query={1} -> {2} defaulted={3}")
    @CsvSource(nullValues = "null", value = {
            "null, null, CARE, true",
            "CARE, null, CARE, false",
            "SAFEGUARDING, null, SAFEGUARDING, false",
            "review, null, REVIEW, false",
            "' AUDIT ', null, AUDIT, false",
            "null, AUDIT, AUDIT, false",
            "null, safeguarding, SAFEGUARDING, false",
            "REVIEW, REVIEW, REVIEW, false" })
    void statedOrDefaulted(String header, String query, Purpose expected, boolean defaulted) {
        Purpose.Stated s = Purpose.of(header, query == null ? null : List.of(query));
        assertEquals(expected, s.purpose());
        assertEquals(defaulted, s.defaulted());
    }

    @ParameterizedTest(name = "header={0} query={1} -> 400 on {2}")
    @CsvSource(nullValues = "null", value = {
            "MARKETING, null, X-Purpose-Of-Use",
            "'', null, X-Purpose-Of-Use",
            "'CARE,AUDIT', null, X-Purpose-Of-Use",
            "null, RESEARCH, purposeOfUse",
            "null, '', purposeOfUse",
            "CARE, AUDIT, purposeOfUse" })
    void refused(String header, String query, String field) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> Purpose.of(header, query == null ? null : List.of(query)));
        assertEquals(400, e.problem().status());
        assertEquals(field, e.problem().errors().get(0).field());
    }

    @org.junit.jupiter.api.Test
    void severalQueryValuesAreRefused() {
        ProblemException e = assertThrows(ProblemException.class, () -> Purpose.of(null, List.of("CARE", "CARE")));
        assertEquals("purposeOfUse", e.problem().errors().get(0).field());
    }
}
