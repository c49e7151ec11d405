package io.chainfl.engine.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The one place that names a run folder's files: whoever writes or reads a run (the recorder, the checkpoint
 * store, the run API, the reports, sweeps and checks) asks this type for the path, so renaming a file is one edit.
 * Sweep and check folders hold a few files of their own, named here too.
 */
public record RunFolder(Path dir) {
    public static final String CONFIG = "config.yaml";
    /** Written last: its presence marks a finished run. */
    public static final String SUMMARY = "summary.json";
    public static final String METRICS = "metrics.csv";
    public static final String PARTICIPANTS = "participants.csv";
    public static final String EVENTS = "events.csv";
    /** Wall-clock timings, apart from the results (they differ between identical runs). */
    public static final String TIMING = "timing.csv";
    /** How the run was started (command line, JVM), apart from the results. */
    public static final String INVOCATION = "invocation.json";
    public static final String REPORT = "report.html";
    public static final String ACCURACY_CHART = "accuracy.png";
    public static final String BALANCE_CHART = "balances.png";
    public static final String HEATMAP_CHART = "heatmap.png";
    /** A variants run with differential privacy: final accuracy against epsilon (docs/privacy.md). */
    public static final String PRIVACY_CHART = "privacy.png";
    /** Every chart is written as PNG and, beside it, as SVG under the same base name. */
    public static final String SVG = ".svg";
    public static final String CHECKPOINT_DIR = "checkpoint";
    public static final String CHECKPOINT_MANIFEST = "manifest.json";
    public static final String LEDGER_JOURNAL = "ledger.journal";
    /** A sweep folder's per-round and per-point tables. */
    public static final String SWEEP = "sweep.csv";
    public static final String SWEEP_SUMMARY = "sweep-summary.csv";
    /** A check folder's verdicts. */
    public static final String CHECKS = "checks.json";
    /** Suffix of a file being written: renamed to its final name once complete. */
    public static final String PARTIAL = ".partial";

    /** The tables a run writes row by row (each under its {@link #PARTIAL} name until the run finishes). */
    public static final List<String> TABLES = List.of(METRICS, PARTICIPANTS, EVENTS, TIMING);

    public Path config() {
        return dir.resolve(CONFIG);
    }

    public Path summary() {
        return dir.resolve(SUMMARY);
    }

    public Path metrics() {
        return dir.resolve(METRICS);
    }

    public Path participants() {
        return dir.resolve(PARTICIPANTS);
    }

    public Path events() {
        return dir.resolve(EVENTS);
    }

    public Path timing() {
        return dir.resolve(TIMING);
    }

    public Path invocation() {
        return dir.resolve(INVOCATION);
    }

    public Path report() {
        return dir.resolve(REPORT);
    }

    public Path accuracyChart() {
        return dir.resolve(ACCURACY_CHART);
    }

    public Path balanceChart() {
        return dir.resolve(BALANCE_CHART);
    }

    public Path checkpointDir() {
        return dir.resolve(CHECKPOINT_DIR);
    }

    public Path checks() {
        return dir.resolve(CHECKS);
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** The folder of one sub-run (a sweep point, a variant) inside this one. */
    public RunFolder child(String name) {
        return new RunFolder(dir.resolve(name));
    }

    /** A finished run: its summary.json is written. */
    public boolean finished() {
        return Files.exists(summary());
    }

    /** A sweep folder's band chart of {@code metric} (sweep.chart.y). */
    public static String sweepChart(String metric) {
        return "sweep-" + metric + ".png";
    }

    /** Where {@code file} is written before it is renamed into place. */
    public static Path partial(Path file) {
        return file.resolveSibling(file.getFileName() + PARTIAL);
    }

    /** The SVG twin of a PNG chart. */
    public static String svgOf(String pngName) {
        return (pngName.endsWith(".png") ? pngName.substring(0, pngName.length() - 4) : pngName) + SVG;
    }

    @Override
    public String toString() {
        return dir.toString();
    }

    /** Writes {@code text} under the file's partial name, then renames it: a reader sees the old file or the whole new one. */
    public static void writeAtomically(Path file, String text) {
        Path partial = partial(file);
        try {
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
