package io.heartline.crisis.cases;

import java.sql.ResultSet;
import java.sql.SQLException;

/** The case columns and row mapping, for statements outside this package (the sweeper's RETURNING). */
public final class CaseStoreColumns {
    /** {@link CaseRow#COLUMNS} with the table alias {@code c}. */
    public static final String COLUMNS = CaseRow.COLUMNS;

    private CaseStoreColumns() {
    }

    public static CaseRow map(ResultSet rs) throws SQLException {
        return CaseRow.map(rs);
    }
}
