package io.heartline.screening.licence;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/instruments/{code}/licences}.
 *
 * @param licensee who holds the licence (e.g. the district centre)
 * @param reference the licence or order number, for the records
 * @param validFrom now when absent
 * @param validUntil open-ended when absent
 */
public record RecordLicenceRequest(@NotBlank @Size(max = 200) String licensee, @Size(max = 200) String reference,
        Instant validFrom, Instant validUntil) {
}
