package io.heartline.crisis.cases;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.heartline.crisis.model.ActionKind;
import io.heartline.platform.web.PersonId;
import io.heartline.crisis.model.Channel;
import io.heartline.crisis.model.ContactMode;
import io.heartline.crisis.model.Level;
import io.heartline.crisis.model.Outcome;
import io.heartline.crisis.model.TeamRole;

/** Request bodies (records, never entities: clients cannot set ids, school, status or clocks). */
public final class Requests {
    private Requests() {
    }

    public enum SubjectType {
        STUDENT, STAFF
    }

    public record NewReport(@NotNull @PersonId String subjectId, @NotNull SubjectType subjectType,
            @NotNull Channel channel, @NotEmpty @Size(max = 12) List<String> indicators, Instant noticedAt,
            Boolean anonymous, @Size(max = 4000) String note) {
    }

    public record ReportAddition(@Size(max = 12) List<String> indicators, @Size(max = 4000) String note) {
    }

    public record Contact(@NotNull Instant at, @NotNull ContactMode mode, Boolean refused,
            @Size(max = 4000) String note) {
    }

    public record Triage(@NotNull @Min(1) @Max(3) Integer impact, @NotNull @Min(1) @Max(3) Integer coping,
            @NotNull @Min(1) @Max(3) Integer support, Level level, @Size(max = 4000) String note) {
    }

    public record Lead(@NotNull @PersonId String personId) {
    }

    public record TeamMember(@NotNull TeamRole role, @NotNull @PersonId String personId) {
    }

    public record Team(@NotEmpty @Size(max = 4) List<@Valid @NotNull TeamMember> members) {
    }

    public record WatchShift(@NotNull @PersonId String watcherId, @NotNull Instant from, @NotNull Instant to) {
    }

    /** {@code assigneeId}: hands the action to a staff member as a task (with an optional {@code dueAt}). */
    public record Action(@NotNull ActionKind kind, @NotNull Instant at, @Size(max = 4000) String note,
            @PersonId String assigneeId, Instant dueAt) {
    }

    public record FollowUpPlan(@NotNull @Min(4) @Max(13) Integer weeks, Instant startsAt) {
    }

    public record CheckIn(@NotNull Instant at, Boolean attended, @Size(max = 4000) String note) {
    }

    public record Review(@NotBlank @Size(max = 4000) String wentWell, @NotBlank @Size(max = 4000) String toChange) {
    }

    public record Close(@NotNull Outcome outcome, @NotNull @Valid Review review) {
    }

    public record Reopen(@NotBlank @Size(max = 4000) String reason) {
    }
}
