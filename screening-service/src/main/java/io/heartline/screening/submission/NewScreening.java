package io.heartline.screening.submission;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.heartline.platform.web.Caller;
import io.heartline.screening.instrument.Instrument;
import io.heartline.screening.scoring.Answer;
import io.heartline.screening.scoring.Score;

/** A checked and scored submission, ready to be stored; {@code language} is the form's language shown. */
public record NewScreening(UUID id, Instant submittedAt, String school, Caller submitter, Subject subject,
        Instrument instrument, List<Answer> answers, Score score, String language) {
}
