package io.heartline.training.rosterimport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.Ids;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.KeyPage;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;

/** Roster import jobs as the API sees them: upload, read, apply a dry run, confirm a held one. */
@ApplicationScoped
public class RosterImports {

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final ImportConfig config;

    RosterImports(AgroalDataSource dataSource, Clock clock, ImportConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
    }

    /** Stores the upload and its job (state VALIDATING) in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RosterImport create(Caller caller, ImportFormat format, boolean dryRun, byte[] upload, String requestId) {
        RosterImport job = new RosterImport(Ids.next(), caller.requireDistrict(), format, dryRun,
                ImportState.VALIDATING, caller.id(), clock.instant(), null, null, 0, null, Map.of(), null, null, null,
                requestId);
        try (Connection c = dataSource.getConnection()) {
            ImportJobs.insert(c, job, sha256(upload), upload);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the upload", e);
        }
        return job;
    }

    /** The import in the caller's district, or 404. */
    @Transactional
    public RosterImport get(Caller caller, String id) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> ProblemException.notFound("Roster import"));
        try (Connection c = dataSource.getConnection()) {
            return ImportJobs.find(c, uuid, false).filter(j -> j.district().equals(caller.district()))
                    .orElseThrow(() -> ProblemException.notFound("Roster import"));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the import", e);
        }
    }

    @Transactional
    public ImportViews.Import view(Caller caller, String id) {
        RosterImport job = get(caller, id);
        int max = config.maxErrorsListed();
        try (Connection c = dataSource.getConnection()) {
            List<ImportViews.ReportLine> rows = ImportJobs.lines(c, job.id(), "ERROR", 0, max + 1);
            List<ImportViews.RowError> errors = rows.stream().limit(max)
                    .map(r -> new ImportViews.RowError(r.file(), r.row(), r.sourceId(), r.reason())).toList();
            return ImportViews.Import.of(job, errors, rows.size() > max);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the import report", e);
        }
    }

    @Transactional
    public Page<ImportViews.ReportLine> report(Caller caller, String id, String action, KeyPage page) {
        RosterImport job = get(caller, id);
        int after = 0;
        if (page.hasCursor()) {
            try {
                after = Integer.parseInt(page.afterKey());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("cursor is not valid",
                        List.of(new Problem.FieldError("cursor", "not a cursor returned by this list")));
            }
        }
        try (Connection c = dataSource.getConnection()) {
            List<ImportViews.ReportLine> lines = ImportJobs.lines(c, job.id(), action, after, page.limit() + 1);
            return page.page(lines, l -> Integer.toString(l.line()), l -> l);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the import report", e);
        }
    }

    public List<ImportViews.Import> recent(Caller caller, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return ImportJobs.list(c, caller.requireDistrict(), limit).stream()
                    .map(j -> ImportViews.Import.of(j, List.of(), false)).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list imports", e);
        }
    }

    /** A finished dry run is applied as it is (re-checked against the directory as it is now). */
    @Transactional
    public RosterImport apply(Caller caller, String id) {
        return move(caller, id, ImportState.DRY_RUN_DONE, "apply", null);
    }

    /** A held import goes on, deactivations included. */
    @Transactional
    public RosterImport confirm(Caller caller, String id) {
        return move(caller, id, ImportState.HELD, "confirm", caller.id());
    }

    private RosterImport move(Caller caller, String id, ImportState from, String verb, String confirmedBy) {
        RosterImport job = get(caller, id);
        try (Connection c = dataSource.getConnection()) {
            RosterImport locked = ImportJobs.find(c, job.id(), true).orElseThrow();
            if (locked.state() != from) {
                throw ProblemException.conflict("Only an import in state " + from + " can " + verb + "; this one is "
                        + locked.state());
            }
            ImportJobs.resume(c, job.id(), ImportState.VALIDATING, false, confirmedBy);
            return ImportJobs.find(c, job.id(), false).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change the import", e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
