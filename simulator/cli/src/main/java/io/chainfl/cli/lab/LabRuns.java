package io.chainfl.cli.lab;

import io.chainfl.cli.ConfigValidation;
import io.chainfl.cli.RunOrchestrator;
import io.chainfl.cli.SweepFolder;
import io.chainfl.cli.SweepPlan;
import io.chainfl.cli.SweepRunner;
import io.chainfl.engine.UserError;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.run.RunFolder;
import io.chainfl.scenarios.run.Simulation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The lab's runs: launches configs through the same {@link RunOrchestrator} as {@code chainfl run} (so a run folder
 * from the lab is the same bytes as one from the command line), at most {@code maxRuns} at once with the rest
 * queued, stops them as Ctrl-C does (after the current round's checkpoint) and resumes them. Runs found in the
 * runs folder that this lab did not start are listed by what their files say.
 *
 * <p>A sweep is one entry here: it waits in the same queue and takes one of the {@code maxRuns} slots, in which its
 * cells run one after another ({@code chainfl sweep --jobs 1}, whose tables are the same bytes as with any
 * --jobs). So --max-runs stays the bound on trainings at once, and a 64-cell sweep neither fills the queue nor
 * holds more than one slot. About 330 lines: runs and sweeps share the queue, the states and stop/resume.
 */
final class LabRuns implements AutoCloseable {
    /** Where a run is. STOPPED runs have a checkpoint to resume from; INCOMPLETE ones were cut off without one. */
    enum State { QUEUED, RUNNING, STOPPING, STOPPED, FINISHED, FAILED, CANCELLED, INCOMPLETE }

    /** What the page shows of a run. */
    record RunInfo(String id, String name, State state, String message, boolean hasReport, boolean sweep) {}

    /** A run this lab started or resumed. */
    private static final class Active {
        final String id;
        final Path dir;
        final boolean sweep;
        final AtomicBoolean stop = new AtomicBoolean();
        volatile State state = State.QUEUED;
        volatile String message = "";

        Active(String id, Path dir, boolean sweep) {
            this.id = id;
            this.dir = dir;
            this.sweep = sweep;
        }
    }

    /** Past this many waiting runs a launch is refused (429) instead of queued. */
    static final int MAX_QUEUED = 16;
    /** Folders this many levels below the runs folder are still listed (variants and sweeps nest their runs). */
    private static final int LIST_DEPTH = 4;

    private final PathGuard guard;
    private final ThreadPoolExecutor pool;
    private final Map<String, Active> active = new ConcurrentHashMap<>();

    LabRuns(PathGuard guard, int maxRuns) {
        this.guard = guard;
        this.pool = new ThreadPoolExecutor(maxRuns, maxRuns, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(MAX_QUEUED), r -> {
            Thread t = new Thread(r, "chainfl-lab-run");
            t.setDaemon(true);
            return t;
        });
    }

    PathGuard guard() {
        return guard;
    }

    /**
     * Checks {@code yaml} as {@code chainfl validate} does and queues it as a new run in {@code lab/NAME-N} of the
     * runs folder; returns its id. Variants and sweeps are refused: the lab runs one config at a time.
     */
    String launch(String yaml) {
        ConfigValidation.Checked checked = ConfigValidation.text(LabApi.COMPOSED_SOURCE, yaml);
        if (checked.variants() > 0 || checked.sweepPoints() > 0) {
            throw new UserError(LabApi.COMPOSED_SOURCE + ": " + (checked.variants() > 0 ? "variants" : "sweep")
                    + ": the lab runs one config at a time; remove the section, or run the file with chainfl "
                    + (checked.variants() > 0 ? "run" : "sweep (or use the lab's Sweep page)"));
        }
        RunConfig config = checked.config();
        Path dir = newFolder(config.name());
        Active run = new Active(guard.idOf(dir), dir, false);
        submit(run, () -> orchestrator(run).run(config, dir, false));
        return run.id;
    }

    /**
     * Queues a checked sweep (its config and points, {@link LabSweeps#plan}) into a new folder {@code lab/NAME-sweep-N};
     * returns its id. Its config.yaml is written at once, so the folder names its plan before any cell runs.
     */
    String launchSweep(ConfigValidation.Checked checked) {
        RunConfig config = checked.config();
        Path dir = newFolder(config.name() + "-sweep");
        RunFolder.writeAtomically(dir.resolve(RunFolder.CONFIG), ConfigValidation.resolvedYaml(config));
        Active run = new Active(guard.idOf(dir), dir, true);
        submit(run, () -> sweep(run, config, checked.points()));
        return run.id;
    }

    private void sweep(Active run, RunConfig config, List<SweepPlan.Point> points) {
        PrintStream discard = discard();
        SweepFolder.run(config, points, run.dir, new SweepRunner.Options(1, false, discard, false, run.stop::get), List.of("lab"), discard);
    }

    private Path newFolder(String name) {
        synchronized (this) {
            Path dir = freshFolder(name);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UserError(dir + ": cannot create the run folder (" + e.getMessage() + "); check that --runs is writable");
            }
            return dir;
        }
    }

    /** Continues a stopped run from its checkpoint, in its folder. */
    String resume(String id) {
        Path dir = runFolder(id);
        Active current = active.get(id);
        if (current != null && (current.state == State.QUEUED || current.state == State.RUNNING || current.state == State.STOPPING)) {
            throw new LabHttpError(409, id + ": the run is still " + current.state.name().toLowerCase() + "; stop it first");
        }
        if (Files.exists(dir.resolve(RunFolder.SUMMARY)) || Files.exists(dir.resolve(RunFolder.SWEEP))) {
            throw new LabHttpError(409, id + ": already finished (" + (Files.exists(dir.resolve(RunFolder.SWEEP)) ? "sweep.csv" : "summary.json")
                    + "); nothing to resume");
        }
        if (isSweep(dir)) {
            // the sweep runner skips the cells that finished and runs the rest from their start
            RunConfig config = Simulation.configLoader().load(dir.resolve(RunFolder.CONFIG), List.of());
            List<SweepPlan.Point> points = SweepPlan.expand(config);
            Active run = new Active(id, dir, true);
            submit(run, () -> sweep(run, config, points));
            return id;
        }
        if (!Files.exists(dir.resolve(RunFolder.CHECKPOINT_DIR).resolve(RunFolder.CHECKPOINT_MANIFEST))) {
            throw new LabHttpError(409, id + ": no checkpoint to resume from; launch the config again");
        }
        RunConfig config = Simulation.configLoader().load(dir.resolve(RunFolder.CONFIG), List.of());
        Active run = new Active(id, dir, false);
        submit(run, () -> orchestrator(run).resume(config, dir));
        return id;
    }

    /** Asks a queued or running run to stop: a running one finishes its round and checkpoints, as after Ctrl-C. */
    void stop(String id) {
        runFolder(id);
        Active run = active.get(id);
        if (run == null || !(run.state == State.QUEUED || run.state == State.RUNNING)) {
            throw new LabHttpError(409, id + ": not running" + (run == null ? "" : " (" + run.state.name().toLowerCase() + ")"));
        }
        run.stop.set(true);
        if (run.state == State.RUNNING) {
            run.state = State.STOPPING;
        }
    }

    private void submit(Active run, Runnable work) {
        Active previous = active.put(run.id, run);
        try {
            pool.execute(() -> execute(run, work));
        } catch (RejectedExecutionException e) {
            if (previous != null) {
                active.put(run.id, previous);
            } else {
                active.remove(run.id);
            }
            throw new LabHttpError(429, MAX_QUEUED + " runs are already waiting; stop one or wait for them (--max-runs sets how many run at once)");
        }
    }

    private void execute(Active run, Runnable work) {
        if (run.stop.get()) {
            run.state = State.CANCELLED;
            run.message = "stopped before it started";
            return;
        }
        run.state = State.RUNNING;
        try {
            work.run();
            run.state = State.FINISHED;
            run.message = "";
        } catch (RunOrchestrator.RunStopped e) {
            run.state = State.STOPPED;
            run.message = "stopped after round " + e.round() + "; resume continues from its checkpoint";
        } catch (SweepRunner.Stopped e) {
            run.state = State.STOPPED;
            run.message = e.finished() + " of " + e.total() + " cells finished; resume runs the rest";
        } catch (UserError e) {
            run.state = State.FAILED;
            run.message = e.getMessage();
        } catch (RuntimeException | Error e) {
            run.state = State.FAILED;
            run.message = "internal error: " + e;
        }
    }

    private RunOrchestrator orchestrator(Active run) {
        return RunOrchestrator.forLab(discard(), List.of("lab"), run.stop::get);
    }

    /** Progress lines go nowhere: the page follows the run's own files. */
    private static PrintStream discard() {
        return new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }

    /**
     * A sweep folder: one this lab runs, a finished one (sweep.csv), or a config.yaml with a grid (the resolved
     * config writes an empty sweep block as {@code grid: {}}, a swept key as a nested line).
     */
    boolean isSweep(Path dir) {
        Active run = active.get(guard.idOf(dir));
        if (run != null) {
            return run.sweep;
        }
        if (Files.exists(dir.resolve(RunFolder.SWEEP))) {
            return true;
        }
        try {
            return Files.readString(dir.resolve(RunFolder.CONFIG), StandardCharsets.UTF_8).contains("\nsweep:\n  grid:\n");
        } catch (IOException e) {
            return false;
        }
    }

    private Path freshFolder(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.startsWith(".")) {
            safe = "run" + safe;
        }
        Path lab = guard.root().resolve("lab");
        for (int n = 1; ; n++) {
            Path candidate = lab.resolve(safe + "-" + n);
            if (!Files.exists(candidate) && !active.containsKey(guard.idOf(candidate))) {
                return candidate;
            }
        }
    }

    /** The folder of run {@code id}: inside the runs folder and holding a config.yaml, or 404. */
    Path runFolder(String id) {
        Path dir = guard.resolve(id);
        if (!Files.isRegularFile(dir.resolve(RunFolder.CONFIG)) && !active.containsKey(id)) {
            throw LabHttpError.notFound("no run '" + PathGuard.printable(id) + "' in the runs folder; GET /api/runs lists them");
        }
        return dir;
    }

    RunInfo info(String id) {
        Path dir = runFolder(id);
        Active run = active.get(id);
        String name = dir.getFileName().toString();
        boolean report = Files.isRegularFile(dir.resolve(RunFolder.REPORT));
        if (run != null) {
            return new RunInfo(id, name, run.state, run.message, report, run.sweep);
        }
        return new RunInfo(id, name, stateOnDisk(dir), "", report, isSweep(dir));
    }

    /** True while the lab may still write to the run's tables (the live stream keeps following it). */
    boolean live(String id) {
        Active run = active.get(id);
        return run != null && (run.state == State.QUEUED || run.state == State.RUNNING || run.state == State.STOPPING);
    }

    static State stateOnDisk(Path dir) {
        if (Files.exists(dir.resolve(RunFolder.SUMMARY)) || Files.exists(dir.resolve(RunFolder.SWEEP))) {
            return State.FINISHED;
        }
        if (Files.exists(dir.resolve(RunFolder.CHECKPOINT_DIR).resolve(RunFolder.CHECKPOINT_MANIFEST))) {
            return State.STOPPED;
        }
        return State.INCOMPLETE;
    }

    /** Every run folder under the runs folder (those this lab started first, newest first), then the others by id. */
    List<RunInfo> list() {
        List<RunInfo> runs = new ArrayList<>();
        active.keySet().stream().sorted(Comparator.reverseOrder()).forEach(id -> runs.add(info(id)));
        if (Files.isDirectory(guard.root())) {
            try (Stream<Path> paths = Files.walk(guard.root(), LIST_DEPTH)) {
                paths.filter(p -> Files.isRegularFile(p.resolve(RunFolder.CONFIG)))
                        .filter(p -> !p.getFileName().toString().equals(RunFolder.CHECKPOINT_DIR))
                        .map(guard::idOf)
                        .filter(id -> !id.isEmpty() && !active.containsKey(id))
                        .sorted()
                        .forEach(id -> {
                            try {
                                runs.add(info(id));
                            } catch (LabHttpError unlisted) {
                                // a name the path guard does not serve (spaces, ...): not offered
                            }
                        });
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new UserError(guard.root() + ": cannot list the runs folder (" + e.getMessage() + ")");
            }
        }
        return runs;
    }

    /** Asks every queued or running run to stop (running ones at their next checkpoint) and waits up to 30 s for them. */
    @Override
    public void close() {
        active.values().forEach(r -> r.stop.set(true));
        pool.shutdown();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
