package io.heartline.training.rosterimport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.heartline.platform.web.Trace;
import io.heartline.training.directory.Change;
import io.heartline.training.directory.Directory;

/**
 * One run of an import: its counts, the report rows not yet written, and the way batches are committed. A dry run
 * works inside one transaction that is rolled back at the end (so that rows of later files see earlier ones exactly as
 * an apply would), an apply commits every batch with its report rows and progress.
 */
final class ImportSession {

    /** Commits (apply) or just runs (dry run) one batch of work; writes the pending report and progress with it. */
    interface BatchCommitter {
        void commit(Runnable work, ImportSession session);
    }

    final RosterImport job;
    final Trace trace;
    final int batchSize;
    private final BatchCommitter committer;
    final Map<String, Long> counts = new LinkedHashMap<>();
    final List<ImportJobs.ReportRow> pending = new ArrayList<>();
    int rowsDone;
    int nextSeq = 1;

    ImportSession(RosterImport job, int batchSize, BatchCommitter committer) {
        this.job = job;
        this.trace = new Trace(null, job.requestId());
        this.batchSize = batchSize;
        this.committer = committer;
        for (Change c : Change.values()) {
            counts.put(c.countKey(), 0L);
        }
        counts.put("skipped", 0L);
        counts.put("openCrisisCases", 0L);
    }

    /**
     * The report rows waiting to be written, in file order: refusals are noted while reading, outcomes when their
     * batch is applied, so within one file they are sorted back by row.
     */
    List<ImportJobs.ReportRow> drainPending() {
        List<String> files = new ArrayList<>();
        pending.forEach(r -> {
            if (!files.contains(r.file())) {
                files.add(r.file());
            }
        });
        List<ImportJobs.ReportRow> rows = new ArrayList<>(pending);
        rows.sort(java.util.Comparator.comparingInt((ImportJobs.ReportRow r) -> files.indexOf(r.file()))
                .thenComparing(r -> r.row() == null ? Integer.MAX_VALUE : r.row()));
        pending.clear();
        return rows;
    }

    /** A session that runs nothing: for a job that ends before any batch (held, failed). */
    static ImportSession none(RosterImport job) {
        return new ImportSession(job, 1, (work, session) -> {
        });
    }

    String district() {
        return job.district();
    }

    void count(Change change) {
        counts.merge(change.countKey(), 1L, Long::sum);
    }

    void refused(SourceRow<?> row, String record) {
        count(Change.ERROR);
        pending.add(new ImportJobs.ReportRow(row.file(), row.row(), record, row.sourceId(), null, "ERROR",
                row.reason()));
    }

    void outcome(String file, Integer row, String record, String sourceId, String personId, Change change,
            String reason) {
        count(change);
        if (reason != null && reason.contains(Directory.OPEN_CRISIS_CASE)) {
            counts.merge("openCrisisCases", 1L, Long::sum);
        }
        if (change != Change.UNCHANGED) {
            pending.add(new ImportJobs.ReportRow(file, row, record, sourceId, personId, change.name(), reason));
        }
    }

    void skipped(String file, int row, String record, String sourceId, String reason) {
        counts.merge("skipped", 1L, Long::sum);
        pending.add(new ImportJobs.ReportRow(file, row, record, sourceId, null, "SKIPPED", reason));
    }

    /** Collects rows into batches of {@code batchSize} and hands each to {@code apply} through the committer. */
    <T> Batcher<T> batcher(Consumer<List<T>> apply) {
        return new Batcher<>(apply);
    }

    final class Batcher<T> {
        private final Consumer<List<T>> apply;
        private final List<T> items = new ArrayList<>();
        private int rowsInBatch;

        Batcher(Consumer<List<T>> apply) {
            this.apply = apply;
        }

        /** Adds an item (null: a row that was refused or skipped, counted for progress only). */
        void add(T item) {
            add(item, true);
        }

        /** Adds an item; {@code countsRow} false for a second item of the same source row. */
        void add(T item, boolean countsRow) {
            if (item != null) {
                items.add(item);
            }
            if (countsRow) {
                rowsInBatch++;
            }
            if (items.size() >= batchSize || rowsInBatch >= batchSize) {
                flush();
            }
        }

        void flush() {
            List<T> batch = List.copyOf(items);
            int rows = rowsInBatch;
            items.clear();
            rowsInBatch = 0;
            committer.commit(() -> {
                if (!batch.isEmpty()) {
                    apply.accept(batch);
                }
                rowsDone += rows;
            }, ImportSession.this);
        }
    }
}
