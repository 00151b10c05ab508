package io.heartline.training.rosterimport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.agroal.api.AgroalDataSource;
import io.heartline.training.directory.Directory;
import io.heartline.training.directory.Organisations;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs roster imports in the background, one at a time per instance and per district: woken right after an upload
 * or a confirmation commits, and polling as a safety net so that a job whose runner died (its lease ran out) is taken
 * over and run again from the start.
 */
@ApplicationScoped
public class ImportRunner {

    private static final Logger LOG = Logger.getLogger(ImportRunner.class);
    private static final int LONG_TX_SECONDS = 3600;

    private final AgroalDataSource dataSource;
    private final Directory directory;
    private final Organisations organisations;
    private final Clock clock;
    private final ImportConfig config;
    private final jakarta.transaction.TransactionManager transactionManager;
    private final java.util.concurrent.atomic.AtomicBoolean wakePending =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("roster-import").daemon().factory());

    ImportRunner(AgroalDataSource dataSource, Directory directory, Organisations organisations, Clock clock,
            ImportConfig config, jakarta.transaction.TransactionManager transactionManager) {
        this.transactionManager = transactionManager;
        this.dataSource = dataSource;
        this.directory = directory;
        this.organisations = organisations;
        this.clock = clock;
        this.config = config;
    }

    /** Asks the worker to look for work now (after an upload, apply or confirm committed); wakes coalesce. */
    public void wake() {
        if (!wakePending.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                wakePending.set(false);
                runPending();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            wakePending.set(false); // shutting down: the next instance's poll takes the work
        }
    }

    @Scheduled(every = "${heartline.training.imports.poll-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void runPending() {
        try {
            Optional<RosterImport> job;
            while ((job = QuarkusTransaction.requiringNew().call(this::claim)).isPresent()) {
                run(job.get());
            }
        } catch (RuntimeException e) {
            LOG.errorf("Roster import runner stopped on an unexpected failure (%s); the next poll retries",
                    e.getClass().getSimpleName());
        }
    }

    private Optional<RosterImport> claim() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return ImportJobs.claim(c, clock.instant(), config.lease());
        }
    }

    private void run(RosterImport job) {
        MDC.put("requestId", job.requestId() == null ? "" : job.requestId());
        Path zip = null;
        try {
            byte[] upload = QuarkusTransaction.requiringNew().call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    return ImportJobs.upload(c, job.id());
                }
            });
            ImportSource source;
            if (job.format() == ImportFormat.ONEROSTER_CSV) {
                zip = Files.createTempFile("roster-" + job.id(), ".zip");
                Files.write(zip, upload);
                source = new OneRosterImport(zip, job.district());
            } else {
                source = new StaffImport(job.format(), upload, job.district());
            }
            try (source) {
                execute(job, source);
            }
        } catch (BadUploadException e) {
            finish(job, ImportState.FAILED, ImportSession.none(job), null, e.getMessage());
        } catch (Exception e) {
            LOG.errorf(e, "Roster import %s failed", job.id());
            finish(job, ImportState.FAILED, ImportSession.none(job), null, "The import stopped on an internal error "
                    + "after its committed batches; upload it again to finish (rows already applied change nothing).");
        } finally {
            MDC.remove("requestId");
            if (zip != null) {
                zip.toFile().delete();
            }
        }
    }

    private void execute(RosterImport job, ImportSource source) throws SQLException {
        ImportSource.Precheck pre = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                ImportSource.Precheck p = source.precheck(c);
                ImportJobs.restart(c, job.id(), job.state(), p.rowsTotal());
                return p;
            }
        });
        RosterImport.Held held = pre.activePeople() > 0
                && pre.deactivations() > config.deactivationThreshold() * pre.activePeople()
                        ? new RosterImport.Held(pre.deactivations(), pre.activePeople(),
                                config.deactivationThreshold())
                        : null;
        if (job.dryRun()) {
            ImportSession session = new ImportSession(job, config.batchSize(), this::reportOnly);
            inTransactionRolledBack(() -> source.apply(session, new Writers(directory, organisations, false)));
            finish(job, ImportState.DRY_RUN_DONE, session, held, null);
            return;
        }
        if (held != null && job.confirmedBy() == null) {
            finish(job, ImportState.HELD, ImportSession.none(job), held, null);
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                ImportJobs.resume(c, job.id(), ImportState.APPLYING, false, null);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        ImportSession session = new ImportSession(job, config.batchSize(), this::commitBatch);
        source.apply(session, new Writers(directory, organisations, true));
        finish(job, ImportState.DONE, session, held, null);
    }

    /** Runs work in one transaction that is always rolled back: a dry run sees its own writes, then forgets them. */
    private void inTransactionRolledBack(Runnable work) {
        try {
            transactionManager.setTransactionTimeout(LONG_TX_SECONDS);
            transactionManager.begin();
            try {
                work.run();
            } finally {
                transactionManager.rollback();
                transactionManager.setTransactionTimeout(0);
            }
        } catch (jakarta.transaction.NotSupportedException | jakarta.transaction.SystemException e) {
            throw new IllegalStateException("Cannot run the dry run's transaction", e);
        }
    }

    /** Apply: the batch, its report rows and the progress in one committed transaction. */
    private void commitBatch(Runnable work, ImportSession session) {
        QuarkusTransaction.requiringNew().timeout(LONG_TX_SECONDS).run(() -> {
            work.run();
            writeReport(session);
        });
    }

    /** Dry run: the batch runs in the surrounding (rolled-back) transaction; only the report is committed. */
    private void reportOnly(Runnable work, ImportSession session) {
        work.run();
        QuarkusTransaction.requiringNew().run(() -> writeReport(session));
    }

    private void writeReport(ImportSession session) {
        try (Connection c = dataSource.getConnection()) {
            List<ImportJobs.ReportRow> rows = session.drainPending();
            ImportJobs.appendRows(c, session.job.id(), session.nextSeq, rows);
            session.nextSeq += rows.size();
            ImportJobs.progress(c, session.job.id(), session.rowsDone, session.counts,
                    clock.instant().plus(config.lease()));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the import report", e);
        }
    }

    private void finish(RosterImport job, ImportState state, ImportSession session, RosterImport.Held held,
            String failure) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                ImportJobs.appendRows(c, job.id(), session.nextSeq, session.drainPending());
                ImportJobs.finish(c, job.id(), state, session.rowsDone, session.counts, held, failure,
                        clock.instant());
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot record the end of import " + job.id(), e);
            }
        });
        LOG.infof("Roster import %s %s: %s", job.id(), state, session.counts);
    }
}
