package io.heartline.screening.licence;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.screening.instrument.Instrument;

/**
 * Whether a district may use an instrument. A LICENSED one without a licence in force is refused with 409
 * {@code instrument-not-licensed}: the request is fine and the caller may do it, but the state of the district's
 * licences does not allow it yet (an administrator can change that), which is what 409 says.
 */
@ApplicationScoped
public class Licences {

    public void requireUsable(Instrument instrument, String district, Instant now) {
        if (!instrument.isLicensed()) {
            return;
        }
        if (district == null || !InstrumentLicence.coversNow(instrument.code(), district, now)) {
            throw notLicensed(instrument);
        }
    }

    public static ProblemException notLicensed(Instrument instrument) {
        return new ProblemException(Problem.of(409, "instrument-not-licensed", "Instrument not licensed",
                instrument.code() + " is licensed by " + instrument.definition().licence().holder()
                        + "; a district administrator must record your district's licence before it can be used",
                null));
    }
}
