package io.heartline.screening.campaign;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.heartline.platform.web.PersonId;
import io.heartline.screening.submission.SubjectIds;

/**
 * Body of {@code POST /api/v1/campaigns}: one cohort ({@code subjectIds}, {@code allStaff}, {@code allStudents},
 * {@code classId} or {@code grade}); {@code repeat: MONTHLY} makes it open again a month later each time it closes.
 */
public record CreateCampaignRequest(
        @NotBlank @Size(max = 32) String instrument,
        @Size(max = 200) String title,
        @Size(max = 5000) List<@NotNull @PersonId String> subjectIds,
        Boolean allStaff,
        @Size(min = 1, max = 64) @Pattern(regexp = SubjectIds.PATTERN, message = SubjectIds.MESSAGE) String classId,
        @Size(min = 1, max = 64) @Pattern(regexp = SubjectIds.PATTERN, message = SubjectIds.MESSAGE) String grade,
        Boolean allStudents,
        @NotNull Instant opensAt,
        @NotNull Instant closesAt,
        @Pattern(regexp = "MONTHLY", message = "must be MONTHLY (or left out)") String repeat) {
}
