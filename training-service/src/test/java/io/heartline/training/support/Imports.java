package io.heartline.training.support;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.awaitility.Awaitility;

import io.heartline.platform.testsupport.TestTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Uploads roster files as district IT would and waits for the job to settle. */
public final class Imports {

    private final String district;
    private final String token;

    public Imports(String district) {
        this.district = district;
        this.token = TestTokens.forRole("hr-sync").district(district).sub("hr-sync-" + district).sign();
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String district() {
        return district;
    }

    public String token() {
        return token;
    }

    public Response upload(String format, boolean dryRun, String contentType, byte[] body) {
        return given().auth().oauth2(token).contentType(contentType).body(body)
                .queryParam("format", format).queryParam("dryRun", dryRun)
                .post("/api/v1/roster-imports");
    }

    /** Uploads and waits until the job leaves VALIDATING/APPLYING; returns the final report. */
    public JsonPath run(String format, boolean dryRun, String contentType, byte[] body) {
        Response r = upload(format, dryRun, contentType, body);
        r.then().statusCode(202);
        return awaitSettled(r.path("id"));
    }

    public JsonPath staffCsv(boolean dryRun, String csv) {
        return run("staff-csv", dryRun, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    public JsonPath oneRoster(boolean dryRun, byte[] zip) {
        return run("oneroster-csv", dryRun, "application/zip", zip);
    }

    public JsonPath awaitSettled(String id) {
        Awaitility.await().atMost(Duration.ofSeconds(Long.getLong("imports.await-seconds", 60)))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
            String state = get(id).path("state");
            return !state.equals("VALIDATING") && !state.equals("APPLYING");
        });
        return get(id).then().statusCode(200).extract().jsonPath();
    }

    public Response get(String id) {
        return given().auth().oauth2(token).get("/api/v1/roster-imports/" + id);
    }

    public Response post(String id, String verb) {
        return given().auth().oauth2(token).post("/api/v1/roster-imports/" + id + "/" + verb);
    }

    /** Every line of the row-by-row report, following cursors. */
    public List<Map<String, Object>> rows(String id) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var req = given().auth().oauth2(token).queryParam("limit", 2);
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            JsonPath page = req.get("/api/v1/roster-imports/" + id + "/rows").then().statusCode(200).extract()
                    .jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }

    /** "file:row action" for every line, for row-by-row comparison. */
    public static List<String> summary(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("file") + ":" + r.get("row") + " " + r.get("record") + " "
                + r.get("sourceId") + " " + r.get("action")).toList();
    }

    /** A OneRoster bundle: file name → CSV text. */
    public static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Map<String, String> bundle(String usersMode, String... nameAndCsv) {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder manifest = new StringBuilder("propertyName,value\noneroster.version,1.2\n");
        for (int i = 0; i < nameAndCsv.length; i += 2) {
            String name = nameAndCsv[i];
            String mode = name.equals("users.csv") ? usersMode : "bulk";
            manifest.append("file.").append(name.replace(".csv", "")).append(',').append(mode).append('\n');
        }
        files.put("manifest.csv", manifest.toString());
        for (int i = 0; i < nameAndCsv.length; i += 2) {
            files.put(nameAndCsv[i], nameAndCsv[i + 1]);
        }
        return files;
    }
}
