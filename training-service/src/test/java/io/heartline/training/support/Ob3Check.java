package io.heartline.training.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code src/test/node/ob3-check.mjs} (independent JSON-LD and VC libraries from the npm registry, see
 * docs/training-records.md "Open Badges 3.0") on a credential. The npm packages are installed once into
 * {@code target/ob3-check} from the committed lock file; without Node.js on the machine the calling test is skipped
 * (reported, not silently passed).
 */
public final class Ob3Check {

    public record Result(int exitCode, String output) {
    }

    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path WORK = Path.of("target", "ob3-check");

    private Ob3Check() {
    }

    public static synchronized Result run(String credentialJson) throws IOException, InterruptedException {
        Assumptions.assumeTrue(exec(Path.of("."), 30, "node", "--version").exitCode() == 0,
                "Node.js is not installed: the Open Badges check with independent libraries cannot run");
        Files.createDirectories(WORK);
        for (String f : List.of("package.json", "package-lock.json", "ob3-check.mjs")) {
            Files.copy(SOURCE.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules"))) {
            Result install = exec(WORK, 300, "npm", "ci", "--no-audit", "--no-fund");
            if (install.exitCode() != 0) {
                throw new IllegalStateException("npm ci failed: " + install.output());
            }
        }
        Path file = Files.createTempFile(WORK, "credential-", ".json");
        Files.writeString(file, credentialJson);
        try {
            return exec(WORK, 60, "node", "ob3-check.mjs", file.getFileName().toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Result exec(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + seconds + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
