package io.chainfl.cli;

import io.chainfl.agents.Deployment;
import io.chainfl.engine.checkpoint.CheckpointStore;
import io.chainfl.engine.checkpoint.RunInterrupted;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.metrics.RunResult;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.metrics.TimingRecord;
import io.chainfl.engine.run.RunFolder;
import io.chainfl.reports.AccuracyChart;
import io.chainfl.reports.BalanceChart;
import io.chainfl.scenarios.run.RunHooks;
import io.chainfl.scenarios.run.Simulation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The command line's side of a run: {@link Simulation} runs the config into the folder; this adds the progress
 * bar, the charts, invocation.json and report.html, the resume message, and turns a stop the user asked for
 * (Ctrl-C) into {@link RunStopped}.
 */
public final class RunOrchestrator {
    private final PrintStream progressOut;
    private final boolean interactive;
    private final RunListener roundObserver;
    /** The command's arguments, recorded in invocation.json; null when not run from the command line. */
    private final List<String> commandArgs;
    private final BooleanSupplier stopRequested;
    private final Deployment deployment;
    /** The virtual time the last run's clock reached (tests compare a resumed run's with an uninterrupted one's). */
    private long lastVirtualTimeMillis;

    public RunOrchestrator(PrintStream progressOut, boolean interactive) {
        this(progressOut, interactive, RunListener.NONE, null, () -> false, Deployment.LOCAL);
    }

    /** {@code roundObserver} also sees every round, e.g. the one progress bar of a whole sweep. */
    RunOrchestrator(PrintStream progressOut, boolean interactive, RunListener roundObserver) {
        this(progressOut, interactive, roundObserver, null, () -> false, Deployment.LOCAL);
    }

    /** @param deployment where the scenario's participants live (the centralized baseline always runs here) */
    public RunOrchestrator(PrintStream progressOut, boolean interactive, Deployment deployment) {
        this(progressOut, interactive, RunListener.NONE, null, () -> false, deployment);
    }

    /**
     * @param commandArgs the command line, recorded in invocation.json (null: not started from one)
     * @param stopRequested true once the user asked the run to stop (Ctrl-C): it stops after the current round's checkpoint
     * @param deployment where the scenario's participants live (the centralized baseline always runs here)
     */
    RunOrchestrator(PrintStream progressOut, boolean interactive, RunListener roundObserver, List<String> commandArgs, BooleanSupplier stopRequested,
                    Deployment deployment) {
        this.progressOut = progressOut;
        this.interactive = interactive;
        this.roundObserver = roundObserver;
        this.commandArgs = commandArgs == null ? null : List.copyOf(commandArgs);
        this.stopRequested = stopRequested;
        this.deployment = deployment;
    }

    /**
     * A run started from {@code chainfl lab}: progress goes to {@code progressOut}, and the run stops after the
     * current round's checkpoint once {@code stopRequested} says so, as after Ctrl-C ({@link RunStopped}).
     */
    public static RunOrchestrator forLab(PrintStream progressOut, List<String> commandArgs, BooleanSupplier stopRequested) {
        return new RunOrchestrator(progressOut, false, RunListener.NONE, commandArgs, stopRequested, Deployment.LOCAL);
    }

    public static Path defaultRunDir(RunConfig config) {
        return Simulation.defaultFolder(config).dir();
    }

    public RunResult run(RunConfig config, Path runDir, boolean force) {
        RunFolder folder = new RunFolder(runDir);
        Simulation.prepare(config, folder, force);
        writeInvocation(runDir);
        warmUpCharts(config);
        return finish(folder, () -> simulation().run(config, folder, new CliHooks()));
    }

    /**
     * Continues the run in {@code runDir} from its last checkpoint with {@code config}, which must be the config
     * the run started with (settings that never change results, such as runtime.threads, may differ).
     */
    public RunResult resume(RunConfig config, Path runDir) {
        RunFolder folder = new RunFolder(runDir);
        CheckpointStore.Loaded checkpoint = Simulation.checkpointToResume(config, folder);
        progressOut.printf("chainfl: resuming %s after round %d of %s%n", runDir, checkpoint.manifest().round(), checkpoint.manifest().series());
        warmUpCharts(config);
        return finish(folder, () -> simulation().resume(config, folder, checkpoint, new CliHooks()));
    }

    /**
     * Starts drawing a throw-away chart on a daemon thread, so that the run's charts at its end find Java2D, the
     * fonts and the PNG encoder loaded: that start-up cost lands while the data loads on one core, off the end of the
     * run. A failure here is ignored: the real charts report their own.
     */
    private static void warmUpCharts(RunConfig config) {
        if (!config.output().charts()) {
            return;
        }
        Thread warmUp = new Thread(() -> {
            try {
                AccuracyChart.warmUp();
            } catch (RuntimeException | LinkageError e) {
                // the charts at the end draw (or fail) on their own
            }
        }, "chart-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private Simulation simulation() {
        return new Simulation(deployment, stopRequested, Versions.chainfl());
    }

    /** Runs {@code run}, then renders the report of the finished folder. */
    private RunResult finish(RunFolder folder, java.util.function.Supplier<RunResult> run) {
        RunResult result;
        try {
            result = run.get();
        } catch (RunInterrupted e) {
            throw new RunStopped(folder.dir(), e.series(), e.round());
        }
        writeReport(folder.dir());
        return result;
    }

    /** Where the last finished run's virtual clock stopped. */
    long lastVirtualTimeMillis() {
        return lastVirtualTimeMillis;
    }

    /** Progress on the command line and the charts, around the run's results. */
    private final class CliHooks implements RunHooks {
        private ProgressBar progress;

        @Override
        public void clockStopped(long virtualTimeMillis) {
            lastVirtualTimeMillis = virtualTimeMillis;
        }

        @Override
        public RunListener starting(RunPlan plan, RunListener recorder) {
            RunConfig config = plan.config();
            progressOut.printf("chainfl: running '%s' (%s, seed %d, %d participants, %d training and %d test samples) into %s%n",
                    config.name(), plan.scenario(), config.seed(), config.participants(), plan.trainSamples(), plan.testSamples(), plan.folder());
            progress = new ProgressBar(SweepProgress.alsoRounds(recorder, roundObserver), progressOut, plan.reportedRounds(), interactive);
            return progress;
        }

        @Override
        public void aborted() {
            if (progress != null) {
                progress.interrupt();
            }
        }

        @Override
        public List<String> finishing(RunConfig config, RunResult result, RunFolder folder, RunListener timings) {
            List<String> files = new ArrayList<>(List.of(RunFolder.INVOCATION, RunFolder.REPORT));
            if (config.output().charts()) {
                Stopwatch chartClock = Stopwatch.start();
                AccuracyChart.writePng(result, config.name() + ": test accuracy by round", folder.accuracyChart());
                files.addAll(List.of(RunFolder.ACCURACY_CHART, RunFolder.svgOf(RunFolder.ACCURACY_CHART)));
                if (BalanceChart.applies(result)) {
                    BalanceChart.writePng(result, config.name() + ": balances and accuracy", folder.balanceChart());
                    files.addAll(List.of(RunFolder.BALANCE_CHART, RunFolder.svgOf(RunFolder.BALANCE_CHART)));
                }
                for (String chart : io.chainfl.reports.RewardsChart.writeAll(result, config.name(), folder.accuracyChart().getParent())) {
                    files.addAll(List.of(chart, RunFolder.svgOf(chart)));
                }
                timings.onTiming(new TimingRecord("run", 0, "charts", chartClock.elapsedMillis()));
            }
            return files;
        }
    }

    /** Records how this run was started (command line, JVM) in invocation.json, apart from the results. */
    void writeInvocation(Path folder) {
        RunReport.writeInvocation(folder, commandArgs);
    }

    /** Renders the folder's report.html; a failure is printed as a warning and leaves the results valid. */
    void writeReport(Path folder) {
        RunReport.writeOrWarn(folder, progressOut);
    }

    /** The run stopped at the user's request after writing the checkpoint of {@code round}. */
    public static final class RunStopped extends RuntimeException {
        final Path runDir;
        final int round;

        RunStopped(Path runDir, String series, int round) {
            super("interrupted after round " + round + " of " + series);
            this.runDir = runDir;
            this.round = round;
        }

        /** The round whose checkpoint the run stopped after. */
        public int round() {
            return round;
        }
    }
}
