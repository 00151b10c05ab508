package io.heartline.training.rosterimport;

import java.sql.Connection;
import java.sql.SQLException;

/** A readable upload of one format: counted and checked first, then applied through a session. */
interface ImportSource extends AutoCloseable {

    /** What the file would deactivate, against the base of active people it could deactivate. */
    record Precheck(int rowsTotal, long deactivations, long activePeople) {
    }

    Precheck precheck(Connection c) throws SQLException;

    void apply(ImportSession session, Writers writers);

    @Override
    void close();
}
