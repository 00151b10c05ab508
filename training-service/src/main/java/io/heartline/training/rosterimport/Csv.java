package io.heartline.training.rosterimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The one CSV dialect of uploads: RFC 4180, UTF-8 (a byte-order mark is ignored), a header row naming the columns. */
final class Csv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(false).get();

    private Csv() {
    }

    static CSVParser open(InputStream in) throws IOException {
        InputStream body = in.markSupported() ? in : new java.io.BufferedInputStream(in);
        body.mark(3);
        byte[] bom = body.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB && (bom[2] & 0xff) == 0xBF)) {
            body.reset();
        }
        return CSVParser.builder().setReader(new InputStreamReader(body, StandardCharsets.UTF_8)).setFormat(FORMAT)
                .get();
    }

    static void requireColumns(CSVParser csv, String file, List<String> required) {
        List<String> missing = required.stream().filter(c -> !csv.getHeaderMap().containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new BadUploadException(file + " lacks the column(s) " + String.join(", ", missing));
        }
    }

    /** The record's values by column name; a short row simply lacks the trailing columns. */
    static Map<String, String> values(CSVParser csv, CSVRecord record) {
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, Integer> h : csv.getHeaderMap().entrySet()) {
            if (h.getValue() < record.size()) {
                values.put(h.getKey(), record.get(h.getValue()));
            }
        }
        return values;
    }
}
