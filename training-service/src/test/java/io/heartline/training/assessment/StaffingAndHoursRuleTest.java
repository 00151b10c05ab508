package io.heartline.training.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.heartline.training.compliance.StaffingRule;
import io.heartline.training.directory.SchoolRole;
import io.heartline.training.hours.CountyEventsRule;
import io.heartline.training.hours.HoursRule;

/** Vectors of the staffing ratio and of the yearly hours per role. */
class StaffingAndHoursRuleTest {

    static final Map<SchoolRole, BigDecimal> DEFAULTS = Map.of(SchoolRole.PSYCHOLOGY_TEACHER, new BigDecimal("40"),
            SchoolRole.CLASS_TEACHER, new BigDecimal("10"));

    @ParameterizedTest(name = "{0} students need {1}")
    @CsvSource({ "0,1", "1,1", "999,1", "1000,1", "1001,2", "1999,2", "2000,2", "2001,3", "4500,5" })
    void oneFullTimePsychologyTeacherPerThousandStudentsAndAtLeastOne(long students, int required) {
        assertEquals(required, StaffingRule.requiredFullTimePsychologyTeachers(students));
    }

    @ParameterizedTest(name = "{0} students with {1} teachers: {2}")
    @CsvSource({ "999,0,false", "999,1,true", "1000,1,true", "1001,1,false", "1001,2,true" })
    void staffingMet(long students, int teachers, boolean met) {
        assertEquals(met, StaffingRule.met(students, teachers));
    }

    @ParameterizedTest(name = "{0}: {1} h credited, {2} provincial conferences -> required {3}, met {4}")
    @CsvSource({
            "PSYCHOLOGY_TEACHER, 40, 0, 40, true",
            "PSYCHOLOGY_TEACHER, 39.9, 0, 40, false",
            "PSYCHOLOGY_TEACHER, 0, 2, 40, true",
            "PSYCHOLOGY_TEACHER, 0, 1, 40, false",
            "CLASS_TEACHER, 10, 0, 10, true",
            "CLASS_TEACHER, 9.99, 0, 10, false",
            "CLASS_TEACHER, 0, 5, 10, false",
            "PSYCHOLOGY_TEACHER;CLASS_TEACHER, 10, 0, 40, false",
            "PSYCHOLOGY_TEACHER;CLASS_TEACHER, 10, 2, 40, true",
            "PSYCHOLOGY_TEACHER;CLASS_TEACHER, 9, 2, 40, false",
            "SCHOOL_DOCTOR, 0, 0, 0, true",
            "OTHER;CLASS_TEACHER, 12, 0, 10, true",
    })
    void hoursPerRole(String roles, String credited, int provincial, String required, boolean met) {
        List<SchoolRole> rs = Arrays.stream(roles.split(";")).map(SchoolRole::valueOf).toList();
        assertEquals(0, new BigDecimal(required).compareTo(HoursRule.required(rs, DEFAULTS)));
        assertEquals(met, HoursRule.met(rs, DEFAULTS, new BigDecimal(credited), provincial));
    }

    @ParameterizedTest(name = "full-time {0}, {1} required, {2} events -> {3}")
    @CsvSource(nullValues = "null", value = {
            "true, 3, 3, true",
            "true, 3, 2, false",
            "true, 3, 0, false",
            "true, 3, 7, true",
            "true, 0, 0, true",
            "true, 5, 4, false",
            "false, 3, 0, null",
            "false, 3, 5, null",
    })
    void countyEventsOfFullTimePsychologyTeachers(boolean fullTime, int required, int events, Boolean met) {
        assertEquals(met, CountyEventsRule.met(fullTime, required, events));
    }

    @ParameterizedTest(name = "event level {0} counts: {1}")
    @CsvSource(nullValues = "null", value = { "COUNTY, true", "MUNICIPAL, true", "CITY, true", "PROVINCIAL, true",
            "NATIONAL, true", "INTERNATIONAL, true", "SCHOOL, false", "TOWNSHIP, false", "county, false",
            "null, false" })
    void eventLevelsAtCountyLevelOrAbove(String level, boolean counts) {
        assertEquals(counts, CountyEventsRule.counts(level));
    }

    @ParameterizedTest
    @CsvSource({ "PT2160H,90", "PT2161H,0", "PT720H,30", "PT721H,90", "PT168H,7", "PT1S,7", "PT169H,30" })
    void reminderThresholds(String remaining, int threshold) {
        assertEquals(threshold, io.heartline.training.certificates.ReminderThresholds.of(Duration.parse(remaining)));
    }
}
