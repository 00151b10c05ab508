package io.heartline.training.rosterimport;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.heartline.training.directory.DirectoryStore;
import io.heartline.training.directory.Outcome;
import io.heartline.training.directory.PersonInput;
import io.heartline.training.directory.PersonKind;

/**
 * The HR staff file (CSV or JSON). Rows name staff by employee number; {@code status: inactive} deactivates (a leaver),
 * an active row for an inactive person reactivates (a re-hire), {@code previousEmployeeNumber} re-keys. Staff the file
 * does not mention are left alone (docs/training.md).
 */
final class StaffImport implements ImportSource {

    private static final String RECORD = "staff";

    private final ImportFormat format;
    private final byte[] upload;
    private final String district;

    StaffImport(ImportFormat format, byte[] upload, String district) {
        this.format = format;
        this.upload = upload;
        this.district = district;
    }

    @Override
    public Precheck precheck(Connection c) throws SQLException {
        int[] rows = {0};
        List<String> leavers = new ArrayList<>();
        StaffFileReader.read(format, new ByteArrayInputStream(upload), district, r -> {
            rows[0]++;
            if (r.isOk() && !r.value().active()) {
                leavers.add(r.value().sourceId());
            }
        });
        long deactivations = 0;
        if (!leavers.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM person WHERE district = ? AND active AND source_id = ANY (?)")) {
                ps.setString(1, district);
                ps.setArray(2, c.createArrayOf("text", leavers.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    deactivations = rs.getLong(1);
                }
            }
        }
        return new Precheck(rows[0], deactivations, DirectoryStore.countActive(c, district, List.of(PersonKind.STAFF)));
    }

    @Override
    public void apply(ImportSession session, Writers writers) {
        ImportSession.Batcher<SourceRow<PersonInput>> batcher = session.batcher(batch -> {
            List<Outcome> outcomes = writers.directory().apply(district, batch.stream().map(SourceRow::value)
                    .toList(), session.trace, session.job.id(), writers.publish());
            for (int i = 0; i < batch.size(); i++) {
                SourceRow<PersonInput> row = batch.get(i);
                Outcome o = outcomes.get(i);
                session.outcome(row.file(), row.row(), RECORD, row.sourceId(), o.personId(), o.change(), o.reason());
            }
        });
        StaffFileReader.read(format, new ByteArrayInputStream(upload), district, row -> {
            if (row.isOk()) {
                batcher.add(row);
            } else {
                session.refused(row, RECORD);
                batcher.add(null);
            }
        });
        batcher.flush();
    }

    @Override
    public void close() {
    }
}
