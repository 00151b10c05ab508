package io.heartline.training.scim;

import io.heartline.training.directory.Person;

/** {@code If-Match} on SCIM writes (RFC 7644 §3.14): the person's version as a weak entity tag, or {@code *}. */
final class ETags {

    private ETags() {
    }

    static void require(String ifMatch, Person current) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String held = ScimUserMapper.etag(current);
        for (String tag : ifMatch.split(",")) {
            if (strip(tag).equals(strip(held))) {
                return;
            }
        }
        throw ScimFailure.preconditionFailed("The user has changed (version " + held + ")");
    }

    private static String strip(String tag) {
        String t = tag.trim();
        return t.startsWith("W/") ? t.substring(2) : t;
    }
}
