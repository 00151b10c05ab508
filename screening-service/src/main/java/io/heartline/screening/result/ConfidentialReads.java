package io.heartline.screening.result;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.heartline.platform.web.AuditLog;
import io.heartline.platform.web.Caller;
import io.heartline.screening.instrument.Instrument;
import io.heartline.screening.instrument.InstrumentCatalogue;
import io.heartline.screening.instrument.InstrumentDefinition.Band;

/**
 * What every confidential read goes through before it answers: the audit rows (one per screening served, written
 * before the response leaves; a failure to write them fails the read) and the definition lookups.
 */
@ApplicationScoped
public class ConfidentialReads {

    public static final String RECORD_TYPE = "screening";

    private final AuditLog auditLog;
    private final InstrumentCatalogue catalogue;

    ConfidentialReads(AuditLog auditLog, InstrumentCatalogue catalogue) {
        this.auditLog = auditLog;
        this.catalogue = catalogue;
    }

    public void audit(Caller caller, String school, String endpoint, Collection<StoredScreening> served) {
        Map<UUID, StoredScreening> distinct = new LinkedHashMap<>();
        served.forEach(s -> distinct.putIfAbsent(s.id(), s));
        auditLog.recordReads(caller, school, endpoint, distinct.values().stream()
                .map(s -> new AuditLog.Target(RECORD_TYPE, s.id().toString(), s.subjectId())).toList());
    }

    /** The definition a result was scored with. */
    public Instrument instrumentOf(StoredScreening s) {
        return catalogue.find(s.instrument(), s.instrumentVersion()).orElseThrow(
                () -> new IllegalStateException("No definition " + s.instrument() + " v" + s.instrumentVersion()));
    }

    public String bandLabel(StoredScreening s) {
        List<Band> bands = instrumentOf(s).definition().bands();
        return bands.stream().filter(b -> b.code().equals(s.band())).map(Band::label).findFirst().orElse(null);
    }
}
