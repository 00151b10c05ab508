package io.heartline.training.rosterimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A OneRoster 1.1/1.2 CSV bundle (a zip) read file by file with the JDK's zip reader and commons-csv, one row in memory
 * at a time. The manifest says per file whether it is {@code bulk}, {@code delta} or {@code absent}.
 */
public final class OneRosterBundle implements AutoCloseable {

    /** Row callback: the 1-based data row and its values by column. */
    @FunctionalInterface
    public interface RowSink {
        void row(int row, Map<String, String> values);
    }

    public enum Mode {
        BULK, DELTA, ABSENT
    }

    private final ZipFile zip;
    private final Map<String, Mode> modes = new HashMap<>();
    private final String version;

    private OneRosterBundle(ZipFile zip) {
        this.zip = zip;
        Map<String, String> manifest = new HashMap<>();
        if (entry("manifest.csv") == null) {
            throw new BadUploadException("The bundle has no manifest.csv");
        }
        read("manifest.csv", List.of("propertyName", "value"),
                (row, v) -> manifest.put(v.getOrDefault("propertyName", "").strip(), v.getOrDefault("value", "").strip()));
        this.version = manifest.getOrDefault("oneroster.version", "");
        if (!version.equals("1.1") && !version.equals("1.2")) {
            throw new BadUploadException("manifest.csv: oneroster.version must be 1.1 or 1.2, not '" + version + "'");
        }
        for (var e : manifest.entrySet()) {
            if (e.getKey().startsWith("file.")) {
                String file = e.getKey().substring(5) + ".csv";
                Mode mode;
                try {
                    mode = Mode.valueOf(e.getValue().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    throw new BadUploadException("manifest.csv: " + e.getKey() + " must be bulk, delta or absent");
                }
                if (mode != Mode.ABSENT && entry(file) == null) {
                    throw new BadUploadException("manifest.csv lists " + file + " as " + e.getValue()
                            + " but the bundle has no such file");
                }
                modes.put(file, mode);
            }
        }
    }

    public static OneRosterBundle open(Path zipFile) {
        try {
            return new OneRosterBundle(new ZipFile(zipFile.toFile()));
        } catch (ZipException e) {
            throw new BadUploadException("The upload is not a zip archive");
        } catch (IOException e) {
            throw new BadUploadException("The bundle cannot be read");
        }
    }

    public String version() {
        return version;
    }

    /** The manifest's mode of a file; a file the manifest does not name counts as absent. */
    public Mode mode(String file) {
        return modes.getOrDefault(file, Mode.ABSENT);
    }

    public boolean has(String file) {
        return mode(file) != Mode.ABSENT;
    }

    /** Streams a file's rows; @throws BadUploadException when a required column is missing or the CSV is broken */
    public void read(String file, List<String> requiredColumns, RowSink sink) {
        ZipEntry entry = entry(file);
        if (entry == null) {
            return;
        }
        try (InputStream in = zip.getInputStream(entry); CSVParser csv = Csv.open(in)) {
            Csv.requireColumns(csv, file, requiredColumns);
            for (CSVRecord record : csv) {
                sink.row((int) record.getRecordNumber(), Csv.values(csv, record));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new BadUploadException(file + " cannot be read as CSV");
        }
    }


    private ZipEntry entry(String name) {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            // Bundles zipped with their folder: accept one leading directory.
            var it = zip.entries();
            while (it.hasMoreElements()) {
                ZipEntry z = it.nextElement();
                if (!z.isDirectory() && z.getName().endsWith("/" + name) && z.getName().indexOf('/') == z.getName()
                        .lastIndexOf('/')) {
                    return z;
                }
            }
        }
        return e;
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
