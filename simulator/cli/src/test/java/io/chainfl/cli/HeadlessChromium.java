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

    /**
     * What the page looked like to the browser once loaded: loads that failed (images, stylesheets), every
     * resource it fetched at all, how many inline SVGs it has and how many of them, and of their texts, were
     * laid out with a non-zero size.
     */
    record Probe(List<String> failed, List<String> resources, int svgs, int svgsDrawn, int textsDrawn) {}

    /** Runs after the load event, in a copy of the page, and leaves its findings on the root element for --dump-dom. */
    private static final String PROBE_SCRIPT = """
            <script>
            window.addEventListener('load', () => {
              const failed = [];
              document.querySelectorAll('img').forEach(i => { if (!i.complete || i.naturalWidth === 0) failed.push('image ' + (i.getAttribute('src') || '').slice(0, 80)); });
              document.querySelectorAll('link[rel=stylesheet]').forEach(l => { if (!l.sheet) failed.push('stylesheet ' + l.getAttribute('href')); });
              const svgs = [...document.querySelectorAll('svg')];
              document.documentElement.setAttribute('data-probe', JSON.stringify({
                failed: failed,
                resources: performance.getEntriesByType('resource').map(r => r.name),
                svgs: svgs.length,
                svgsDrawn: svgs.filter(s => { const r = s.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length,
                textsDrawn: [...document.querySelectorAll('svg text')].filter(t => t.getComputedTextLength() > 0).length}));
            });
            </script>
            """;
    private static final java.util.regex.Pattern PROBE = java.util.regex.Pattern.compile("data-probe=\"([^\"]*)\"");

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

    /** Loads a copy of the page (beside it, so relative links resolve the same) with a probe script, and reads the probe. */
    static Probe probe(Path page) throws Exception {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        int end = html.lastIndexOf("</body>");
        Path copy = page.resolveSibling("probe-" + page.getFileName());
        Files.writeString(copy, html.substring(0, end) + PROBE_SCRIPT + html.substring(end), StandardCharsets.UTF_8);
        try {
            Output output = dumpDom(copy);
            java.util.regex.Matcher m = PROBE.matcher(output.stdout());
            if (!m.find()) {
                fail("the probe did not run in chromium; its output: " + output.stdout().substring(0, Math.min(500, output.stdout().length())));
            }
            String json = m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Probe.class);
        } finally {
            Files.deleteIfExists(copy);
        }
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
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            String stderr = read(err);
            assertEquals(0, process.exitValue(), "chromium failed: " + stderr);
            return new Output(read(out), stderr);
        } finally {
            deleteTree(profile);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
