package io.heartline.screening.licence;

import java.time.Instant;
import java.util.UUID;

public record LicenceView(UUID id, String instrument, String district, String licensee, String reference,
        Instant validFrom, Instant validUntil, String recordedBy, Instant recordedAt) {

    static LicenceView of(InstrumentLicence l) {
        return new LicenceView(l.id, l.instrumentCode, l.district, l.licensee, l.reference, l.validFrom, l.validUntil,
                l.recordedBy, l.recordedAt);
    }
}
