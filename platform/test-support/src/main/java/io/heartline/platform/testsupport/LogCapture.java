package io.heartline.platform.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the application logs at WARN and above while it is open (the Quarkus application of a
 * {@code @QuarkusTest} logs through the same JBoss LogManager root): a test asserts that hostile input left no stack
 * trace and no error in the log.
 * <pre>
 * try (LogCapture log = LogCapture.start()) { ...; assertEquals(List.of(), log.stackTraces()); }
 * </pre>
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture() {
        setLevel(Level.WARNING);
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        if (record != null && record.getLevel().intValue() >= Level.WARNING.intValue()) {
            records.add(record);
        }
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** WARN and above from loggers under {@code loggerPrefix} (e.g. {@code io.heartline.platform.web}). */
    public List<LogRecord> records(String loggerPrefix) {
        return records.stream().filter(r -> r.getLoggerName() != null && r.getLoggerName().startsWith(loggerPrefix))
                .toList();
    }

    /**
     * Records carrying an exception or logged as errors, described by logger, level and exception type (Kafka's own
     * client chatter, which no request causes, is left out).
     */
    public List<String> stackTraces() {
        return records.stream()
                .filter(r -> r.getThrown() != null || r.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(r -> r.getLoggerName() == null || !r.getLoggerName().startsWith("org.apache.kafka"))
                .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                        + (r.getThrown() == null ? "" : " [" + r.getThrown().getClass().getName() + "]"))
                .toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
