package io.heartline.training.rosterimport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;

/** The opaque {@code cursor} of the report: the position of the last line served (report lines are in file order). */
final class ReportCursor {

    private ReportCursor() {
    }

    static String encode(int seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("r" + seq).getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith("r")) {
                return Integer.parseInt(s.substring(1));
            }
        } catch (IllegalArgumentException e) {
            // fall through to the 400
        }
        throw ProblemException.badRequest("cursor is not valid",
                List.of(new Problem.FieldError("cursor", "not a cursor returned by this list")));
    }
}
