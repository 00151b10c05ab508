package io.heartline.screening.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Why a rule raised the risk level: a code, and the item or subscale that triggered it when there is one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Flag(String code, Integer item, String subscale) {

    public static Flag ofItem(String code, int item) {
        return new Flag(code, item, null);
    }

    public static Flag ofSubscale(String code, String subscale) {
        return new Flag(code, null, subscale);
    }

    public static Flag of(String code) {
        return new Flag(code, null, null);
    }
}
