package io.heartline.screening.licence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A licence for a LICENSED instrument, recorded for one district by its administrator. */
@Entity
@Table(name = "instrument_licence")
public class InstrumentLicence extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "instrument_code")
    public String instrumentCode;
    public String district;
    public String licensee;
    public String reference;
    @Column(name = "valid_from")
    public Instant validFrom;
    @Column(name = "valid_until")
    public Instant validUntil;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;

    public static boolean coversNow(String instrumentCode, String district, Instant now) {
        return count("instrumentCode = ?1 and district = ?2 and validFrom <= ?3 and (validUntil is null or validUntil > ?3)",
                instrumentCode, district, now) > 0;
    }

    public static List<InstrumentLicence> ofDistrict(String instrumentCode, String district) {
        return list("instrumentCode = ?1 and district = ?2 order by recordedAt desc", instrumentCode, district);
    }
}
