package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a page in the Debian package {@code chromium}, headless, with a fresh profile under target/. Its
 * absence fails the test (CI installs it): a report test that skipped itself would prove nothing.
 */
final class HeadlessChromium {
    private static final long TIMEOUT_SECONDS = 120;

    record Output(String stdout, String stderr) {}

    private HeadlessChromium() {}

    static Path binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return fail("chromium is not installed, and the report tests open report.html in a headless browser: "
                + "run `apt-get install chromium` (the CI script .ci/run does)");
    }

    /** The DOM after the page loaded (--dump-dom), and chromium's log (console messages, failed loads). */
    static Output dumpDom(Path page) throws Exception {
        return run(page, List.of("--dump-dom"));
    }

    /** A PNG screenshot of the page at the given window size. */
    static Path screenshot(Path page, Path png, int width, int height) throws Exception {
        run(page, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars"));
        if (!Files.isRegularFile(png)) {
            fail("chromium wrote no screenshot " + png);
        }
        return png;
    }

    private static Output run(Path page, List<String> mode) throws Exception {
        Path work = Files.createDirectories(Path.of("target", "chromium"));
        Path profile = Files.createTempDirectory(work, "profile-");
        Path out = Files.createTempFile(work, "stdout-", ".txt");
        Path err = Files.createTempFile(work, "stderr-", ".txt");
        List<String> command = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-extensions", "--disable-background-networking", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(mode);
        command.add(page.toAbsolutePath().toUri().toString());
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
        }
        String stderr = read(err);
        assertEquals(0, process.exitValue(), "chromium failed: " + stderr);
        return new Output(read(out), stderr);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
