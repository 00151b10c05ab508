package io.heartline.training.programmes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.heartline.platform.web.PersonId;

/** Programmes, their parts and requests (records only; docs/training-records.md). */
public final class ProgrammeModel {

    private ProgrammeModel() {
    }

    public enum Mode {
        ONLINE, OFFLINE
    }

    /** An assessed component: {@code weight} whole percent, all of a programme's summing to 100. */
    public record ComponentDef(String code, String title, Integer weight) {
    }

    /** A requirement to complete; with {@code sessionId}, attending that course meets it. */
    public record RequirementDef(String code, String title, String sessionId) {
    }

    /** A course (session) of a programme: hours online or offline; attendance is taken per course. */
    public record Course(String id, String title, Mode mode, BigDecimal hours) {
    }

    public record Programme(UUID id, String district, String schoolId, String title, String template,
            BigDecimal passMark, BigDecimal excellentShare, Integer certificateValidityMonths,
            List<ComponentDef> components, List<RequirementDef> requirements, List<String> markerIds, String state,
            String createdBy, Instant createdAt, Instant closedAt, List<Course> courses) {

        public boolean open() {
            return "OPEN".equals(state);
        }

        public BigDecimal hours(Mode mode) {
            return courses.stream().filter(c -> c.mode() == mode).map(Course::hours)
                    .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(1);
        }

        public BigDecimal totalHours() {
            return hours(Mode.ONLINE).add(hours(Mode.OFFLINE)).setScale(1);
        }
    }

    /**
     * {@code POST /api/v1/programmes}. With {@code template}, the template's fields are the defaults of every field
     * left out. Hours come from {@code courses}; {@code hoursOnline}/{@code hoursOffline} alone make one course each.
     */
    public record CreateProgramme(String title, String template, String schoolId, BigDecimal passMark,
            BigDecimal excellentShare, Integer certificateValidityMonths, List<ComponentDef> components,
            List<RequirementDef> requirements, List<Course> courses, BigDecimal hoursOnline, BigDecimal hoursOffline,
            List<String> markerIds) {
    }

    public record Enrol(List<@PersonId String> personIds) {
    }

    public record ScoreInput(@PersonId String personId, String component, BigDecimal score) {
    }

    public record RequirementInput(@PersonId String personId, String requirement, Boolean met) {
    }

    public record AttendanceInput(@PersonId String personId, String sessionId, Boolean attended) {
    }

    public record ProgrammeView(UUID id, String title, String schoolId, String template, BigDecimal hoursOnline,
            BigDecimal hoursOffline, BigDecimal hoursTotal, BigDecimal passMark, BigDecimal excellentShare,
            Integer certificateValidityMonths, List<ComponentDef> components, List<RequirementDef> requirements,
            List<Course> courses, List<String> markerIds, String state, Instant createdAt, Instant closedAt) {

        static ProgrammeView of(Programme p) {
            return new ProgrammeView(p.id(), p.title(), p.schoolId(), p.template(), p.hours(Mode.ONLINE),
                    p.hours(Mode.OFFLINE), p.totalHours(), p.passMark(), p.excellentShare(),
                    p.certificateValidityMonths(), p.components(), p.requirements(), p.courses(), p.markerIds(),
                    p.state(), p.createdAt(), p.closedAt());
        }
    }

    /** One participant's results; {@code result} only once the programme is closed. */
    public record ResultView(String personId, java.util.Map<String, BigDecimal> scores, BigDecimal weightedTotal,
            java.util.Map<String, Boolean> requirements, java.util.Map<String, Boolean> attendance,
            String provisionalResult, List<String> reasons, String result) {
    }

    public record EnrolResult(List<String> enrolled, List<String> alreadyEnrolled) {
    }

    public record CloseResult(UUID programmeId, int participants, int passed, int excellent, int failed,
            int certificatesIssued, BigDecimal hoursCredited) {
    }
}
