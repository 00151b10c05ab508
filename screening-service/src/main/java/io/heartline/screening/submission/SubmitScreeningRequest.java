package io.heartline.screening.submission;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.heartline.platform.web.PersonId;
import io.heartline.screening.instrument.SubjectType;

/**
 * Body of {@code POST /api/v1/screenings}.
 *
 * @param instrumentVersion optional: the version the form was rendered from; the current one when absent
 * @param subjectId optional for self-submissions (the token's {@code sub} is used)
 * @param subjectType optional: only a psychologist submitting about someone else needs it, and only when the
 *        instrument's audience does not already say
 * @param language optional: the language of the form shown ({@code zh-CN}, {@code en}); else Accept-Language, else
 *        the default ({@code zh-CN} where the instrument has it)
 */
public record SubmitScreeningRequest(
        @NotBlank @Size(max = 32) String instrument,
        @Positive Integer instrumentVersion,
        @PersonId String subjectId,
        SubjectType subjectType,
        @Size(max = 35) String language,
        @NotNull @Size(max = 200) List<@NotNull @Valid AnswerInput> answers) {

    public record AnswerInput(@NotNull Integer item, @NotNull Integer value) {
    }
}
