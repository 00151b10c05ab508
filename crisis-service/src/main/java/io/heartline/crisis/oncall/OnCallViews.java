package io.heartline.crisis.oncall;

import java.time.Instant;
import java.util.List;

/** Request and answer shapes of {@code /api/v1/on-call} (API.md "alerts"). */
public final class OnCallViews {

    private OnCallViews() {
    }

    public record OverrideBody(String personId, Instant from, Instant to) {
    }

    /** PUT body: participants in rotation order; the rest defaults (P7D, 08:00, Asia/Shanghai, today). */
    public record ScheduleBody(List<String> participants, String shiftLength, String handoverTime, String timeZone,
            String startsOn, List<OverrideBody> overrides) {
    }

    public record Warning(String personId, String message) {
    }

    public record Schedule(String schoolId, List<String> participants, String shiftLength, String handoverTime,
            String timeZone, String startsOn, List<OverrideBody> overrides, Instant updatedAt, String updatedBy,
            List<Warning> warnings) {
    }

    public record StepBody(String target, String ackWithin) {
    }

    public record PolicyBody(List<StepBody> steps) {
    }

    public record Step(String target, String ackWithin) {
    }

    /** {@code source}: CONFIGURED (this school's), DISTRICT (the district's, inherited) or DEFAULT (built in). */
    public record Policy(String schoolId, List<Step> steps, String source, Instant updatedAt, String updatedBy) {
    }

    public record Duty(String personId, Instant from, Instant until, boolean override) {
    }

    public record Now(String schoolId, String timeZone, Duty now, Duty next) {
    }
}
