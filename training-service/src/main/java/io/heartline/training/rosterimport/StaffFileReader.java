package io.heartline.training.rosterimport;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heartline.training.directory.PersonInput;

/**
 * Streams the HR staff file (CSV with a header row, or a JSON array of the same fields) row by row: memory holds one
 * row, plus the ids seen so far to report duplicates.
 */
public final class StaffFileReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StaffFileReader() {
    }

    /** Calls {@code sink} for each row in file order. @throws BadUploadException when the file cannot be read */
    public static void read(ImportFormat format, InputStream in, String district,
            Consumer<SourceRow<PersonInput>> sink) {
        Map<String, Integer> seen = new HashMap<>();
        Consumer<SourceRow<PersonInput>> dedup = r -> sink.accept(r.unlessDuplicate(seen));
        try {
            if (format == ImportFormat.STAFF_JSON) {
                readJson(in, district, dedup);
            } else {
                readCsv(in, district, dedup, "staff.csv");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadUploadException b) {
                throw b;
            }
            throw new BadUploadException("The staff file cannot be read: " + safeMessage(e));
        }
    }


    private static void readCsv(InputStream in, String district, Consumer<SourceRow<PersonInput>> sink, String file)
            throws IOException {
        try (CSVParser csv = Csv.open(in)) {
            Csv.requireColumns(csv, file, StaffRows.REQUIRED_COLUMNS);
            for (CSVRecord record : csv) {
                sink.accept(StaffRows.read(file, (int) record.getRecordNumber(), Csv.values(csv, record), district));
            }
        }
    }

    private static void readJson(InputStream in, String district, Consumer<SourceRow<PersonInput>> sink)
            throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new BadUploadException("staff-json must be a JSON array of staff objects");
            }
            int row = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                row++;
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw new BadUploadException("staff-json element " + row + " is not an object");
                }
                JsonNode node = JSON.readTree(p);
                sink.accept(StaffRows.read("staff.json", row, flatten(node), district));
            }
        }
    }

    /** JSON values as the CSV would carry them: arrays joined with ';', scalars as text. */
    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isArray()) {
                StringBuilder sb = new StringBuilder();
                v.forEach(x -> sb.append(sb.isEmpty() ? "" : ";").append(x.asText()));
                values.put(e.getKey(), sb.toString());
            } else if (!v.isNull() && !v.isContainerNode()) {
                values.put(e.getKey(), v.asText());
            }
        });
        return values;
    }

    private static String safeMessage(Exception e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
