package io.heartline.referral.referral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.heartline.platform.web.PersonIds;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.referral.domain.StageStatus;
import io.heartline.referral.domain.Tier;

/** {@code ?status=&tier=&subjectId=} of the list, checked: an unknown value is a 400, not an empty list. */
public record ReferralFilter(StageStatus status, Tier tier, String subjectId) {

    public static ReferralFilter parse(String status, String tier, String subjectId) {
        List<Problem.FieldError> errors = new ArrayList<>();
        StageStatus s = parse(StageStatus.class, status, "status", errors);
        Tier t = parse(Tier.class, tier, "tier", errors);
        if (subjectId != null && !PersonIds.valid(subjectId)) {
            errors.add(new Problem.FieldError("subjectId", PersonIds.MESSAGE));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Invalid list filter", errors);
        }
        return new ReferralFilter(s, t, subjectId);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field,
            List<Problem.FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(field, "one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }
}
