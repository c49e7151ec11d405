package io.chainfl.cli;

import io.chainfl.agents.Deployment;
import io.chainfl.engine.run.RunFolder;
import io.chainfl.scenarios.run.Simulation;
import io.chainfl.engine.UserError;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.metrics.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Runs a sweep's points, up to {@code jobs} at once, each in its own folder (a complete run folder) with its
 * own actor system, under one progress bar. A folder that already holds a finished run (its summary.json)
 * is skipped unless {@code force}; an unfinished one is cleared and run again. Results are read back from
 * every folder's metrics.csv in plan order, so they do not depend on which run finished first.
 */
public final class SweepRunner {

    /**
     * @param stopRequested true once the user asked the sweep to stop: no further point starts, and the running ones
     *     stop after their current round's checkpoint (as after Ctrl-C); the sweep then ends with {@link Stopped}
     */
    public record Options(int jobs, boolean force, PrintStream progressOut, boolean interactive, BooleanSupplier stopRequested) {
        public Options {
            if (jobs < 1) {
                throw new UserError("--jobs must be at least 1, got " + jobs);
            }
        }

        public Options(int jobs, boolean force, PrintStream progressOut, boolean interactive) {
            this(jobs, force, progressOut, interactive, () -> false);
        }

        public static Options quiet(int jobs, boolean force) {
            return new Options(jobs, force, SweepProgress.DISCARD, false);
        }
    }

    /** A point's results as written in its metrics.csv: the text of every cell, and the parsed rounds. */
    public record PointResult(SweepPlan.Point point, Path folder, boolean skipped, List<String> header, List<List<String>> rows,
                              RunResult result) {
        public PointResult {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    public record Outcome(Path dir, List<PointResult> points) {
        public Outcome {
            points = List.copyOf(points);
        }

        public long skipped() {
            return points.stream().filter(PointResult::skipped).count();
        }
    }

    /**
     * The sweep stopped at the user's request: the points that finished are complete run folders (a later run of the
     * same sweep skips them); those cut off are run again from the start.
     */
    public static final class Stopped extends RuntimeException {
        private final int finished;
        private final int total;

        Stopped(int finished, int total) {
            super("stopped with " + finished + " of " + total + " runs finished");
            this.finished = finished;
            this.total = total;
        }

        public int finished() {
            return finished;
        }

        public int total() {
            return total;
        }
    }

    private SweepRunner() {}

    public static int defaultJobs() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static Outcome run(List<SweepPlan.Point> points, Path dir, Options options) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError("cannot create the sweep folder " + dir + ": " + e.getMessage());
        }
        List<SweepPlan.Point> todo = new ArrayList<>();
        for (SweepPlan.Point point : points) {
            if (options.force() || !Files.exists(dir.resolve(point.folderName()).resolve(RunFolder.SUMMARY))) {
                todo.add(point);
            }
        }
        int jobs = Math.min(options.jobs(), Math.max(1, todo.size()));
        int threadsPerRun = Math.max(1, defaultJobs() / jobs);
        options.progressOut().printf("chainfl: sweep of %d runs into %s: %d to run, %d already finished (skipped%s); %d jobs x %d training threads%n",
                points.size(), dir, todo.size(), points.size() - todo.size(), options.force() ? "" : "; --force reruns them", jobs, threadsPerRun);
        runAll(todo, dir, jobs, threadsPerRun, options);
        if (options.stopRequested().getAsBoolean()) {
            long finished = points.stream().filter(p -> Files.exists(dir.resolve(p.folderName()).resolve(RunFolder.SUMMARY))).count();
            if (finished < points.size()) {
                throw new Stopped((int) finished, points.size());
            }
        }
        List<PointResult> results = new ArrayList<>();
        for (SweepPlan.Point point : points) {
            results.add(read(point, dir.resolve(point.folderName()), !todo.contains(point)));
        }
        return new Outcome(dir, results);
    }

    private static void runAll(List<SweepPlan.Point> todo, Path dir, int jobs, int threadsPerRun, Options options) {
        if (todo.isEmpty()) {
            return;
        }
        int totalRounds = todo.stream().mapToInt(p -> expectedRounds(p.config())).sum();
        ProgressBar progress = new ProgressBar(RunListener.NONE, options.progressOut(), totalRounds, options.interactive());
        try {
            // alone first: it fills first-use caches (data set, native libraries) that parallel runs would race on
            runOne(todo.get(0), dir.resolve(todo.get(0).folderName()), defaultJobs(), progress, options.stopRequested());
        } catch (RunOrchestrator.RunStopped e) {
            progress.interrupt();
            return;
        } catch (RuntimeException e) {
            progress.interrupt();
            throw e;
        }
        AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, runnable -> {
            Thread thread = new Thread(runnable, "chainfl-sweep");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SweepPlan.Point point : todo.subList(1, todo.size())) {
                futures.add(pool.submit(() -> {
                    if (firstFailure.get() != null || options.stopRequested().getAsBoolean()) {
                        return;
                    }
                    try {
                        runOne(point, dir.resolve(point.folderName()), threadsPerRun, progress, options.stopRequested());
                    } catch (RunOrchestrator.RunStopped e) {
                        // the run checkpointed and stopped; the sweep ends with Stopped once the others did
                    } catch (RuntimeException e) {
                        firstFailure.compareAndSet(null, e);
                    }
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the sweep", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    firstFailure.compareAndSet(null, new IllegalStateException(e.getCause()));
                }
            }
        } finally {
            pool.shutdown();
        }
        if (firstFailure.get() != null) {
            progress.interrupt();
            throw firstFailure.get();
        }
        if (options.stopRequested().getAsBoolean()) {
            progress.interrupt();
        }
    }

    private static void runOne(SweepPlan.Point point, Path folder, int threadsPerRun, ProgressBar progress, BooleanSupplier stopRequested) {
        clear(folder);
        RunConfig config = point.config();
        if (config.runtime().threads() == 0) {
            config = Configs.loader().parse("sweep point " + point.label(), Configs.loader().toYaml(config), List.of("runtime.threads=" + threadsPerRun));
        }
        RunOrchestrator orchestrator = new RunOrchestrator(SweepProgress.DISCARD, false, progress, null, stopRequested, Deployment.LOCAL);
        if (config.variants().isEmpty()) {
            orchestrator.run(config, folder, true);
        } else {
            new VariantRunner(orchestrator).run(config, folder, true);
        }
    }

    /** Rounds a run reports (the progress bar's unit): every variant's and the centralized baseline's. */
    static int expectedRounds(RunConfig config) {
        if (!config.variants().isEmpty()) {
            return VariantRunner.resolve(config).values().stream().mapToInt(SweepRunner::expectedRounds).sum();
        }
        return Simulation.reportedRounds(config);
    }

    /** An unfinished run's leftovers (partial tables, a variant's finished sub-runs) go before it runs again. */
    private static void clear(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UserError("cannot clear the unfinished run folder " + folder + " before running it again: " + e.getMessage());
        }
    }

    static PointResult read(SweepPlan.Point point, Path folder, boolean skipped) {
        Path file = folder.resolve(RunFolder.METRICS);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            List<String> header = csv.getHeaderNames();
            List<List<String>> rows = new ArrayList<>();
            List<RoundMetrics> rounds = new ArrayList<>();
            for (CSVRecord record : csv) {
                List<String> row = record.toList();
                rows.add(row);
                rounds.add(parse(header, row));
            }
            return new PointResult(point, folder, skipped, header, rows, new RunResult(point.config().name(), point.seed(), rounds, List.of()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A metrics.csv row; the first column is the series (or the variant, in a variant run's combined table). */
    private static RoundMetrics parse(List<String> header, List<String> row) {
        TreeMap<String, Double> extra = new TreeMap<>();
        for (int i = 6; i < header.size(); i++) {
            if (!row.get(i).isEmpty()) {
                extra.put(header.get(i), Double.parseDouble(row.get(i)));
            }
        }
        return new RoundMetrics(row.get(0), Integer.parseInt(row.get(1)), number(row.get(2)), number(row.get(3)), number(row.get(4)),
                number(row.get(5)), extra);
    }

    private static double number(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }
}
