package io.chainfl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainfl.agents.Deployment;
import io.chainfl.engine.UserError;
import io.chainfl.engine.checkpoint.CheckpointStore;
import io.chainfl.engine.checkpoint.JournaledLedger;
import io.chainfl.engine.checkpoint.LedgerJournal;
import io.chainfl.engine.checkpoint.RunCheckpointer;
import io.chainfl.engine.checkpoint.RunInterrupted;
import io.chainfl.engine.config.ConfigLoader;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.data.FederatedData;
import io.chainfl.engine.data.FederatedDataBuilder;
import io.chainfl.engine.kernel.VirtualClock;
import io.chainfl.engine.ledger.LedgerStats;
import io.chainfl.engine.ledger.Ledgers;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.metrics.MetricDeclarations;
import io.chainfl.engine.metrics.RunRecorder;
import io.chainfl.engine.metrics.RunResult;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.metrics.TimingRecord;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.reports.AccuracyChart;
import io.chainfl.reports.BalanceChart;
import io.chainfl.reports.HtmlReport;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioContext;
import io.chainfl.scenarios.ScenarioRegistry;
import io.chainfl.scenarios.baseline.CentralizedParams;
import io.chainfl.scenarios.baseline.CentralizedScenario;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs one config end to end: data, ledger, the scenario, the centralized baseline, then the chart and the
 * summary. The run folder is usable at every moment: tables are flushed round by round under
 * {@code .partial} names, and {@code summary.json}, written last, marks a finished run.
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

    public static Path defaultRunDir(RunConfig config) {
        return Path.of(config.output().dir()).resolve(config.name() + "-seed" + config.seed());
    }

    public RunResult run(RunConfig config, Path runDir, boolean force) {
        prepare(runDir, force);
        ConfigLoader loader = Configs.loader();
        new CheckpointStore(runDir).delete();
        writeAtomically(runDir.resolve("config.yaml"), loader.toYaml(config));
        writeInvocation(runDir);
        return execute(config, runDir, null);
    }

    /**
     * Continues the run in {@code runDir} from its last checkpoint with {@code config}, which must be the config
     * the run started with (settings that never change results, such as runtime.threads, may differ).
     */
    public RunResult resume(RunConfig config, Path runDir) {
        CheckpointStore store = new CheckpointStore(runDir);
        CheckpointStore.Loaded checkpoint = store.read().orElseThrow(() -> new UserError(runDir + ": no checkpoint to resume from ("
                + store.manifestFile() + " is missing); start the run again with chainfl run FILE --out " + runDir + " --force"));
        String hash = RunFingerprint.of(config);
        if (!hash.equals(checkpoint.manifest().configHash())) {
            throw new UserError(runDir.resolve("config.yaml") + ": the config differs from the one the checkpoint was written with;"
                    + " resume with the run's own config.yaml (only runtime.threads, runtime.checkpoint_every and output.dir may change),"
                    + " or start a new run with --out");
        }
        progressOut.printf("chainfl: resuming %s after round %d of %s%n", runDir, checkpoint.manifest().round(), checkpoint.manifest().series());
        return execute(config, runDir, checkpoint);
    }

    private RunResult execute(RunConfig config, Path runDir, CheckpointStore.Loaded checkpoint) {
        Stopwatch total = Stopwatch.start();

        SeedStreams seeds = new SeedStreams(config.seed());
        Stopwatch dataClock = Stopwatch.start();
        FederatedData data = FederatedDataBuilder.build(config, seeds);
        Scenario<?> scenario = ScenarioRegistry.forParams(config.scenario());
        boolean withBaseline = config.baseline().centralized() && !(scenario instanceof CentralizedScenario);
        int trainSamples = data.participants().stream().mapToInt(p -> p.train().size()).sum();
        progressOut.printf("chainfl: running '%s' (%s, seed %d, %d participants, %d training and %d test samples) into %s%n",
                config.name(), scenario.name(), config.seed(), config.participants(), trainSamples, data.test().size(), runDir);
        int totalRounds = scenario.reportedRoundsUnchecked(config, config.scenario()) + (withBaseline ? config.rounds() : 0);

        CheckpointStore store = new CheckpointStore(runDir);
        MetricDeclarations metrics = scenario.metricDeclarations(config, withBaseline ? List.of(CentralizedScenario.SERIES) : List.of());
        try (RunRecorder recorder = checkpoint == null ? new RunRecorder(runDir, metrics)
                : RunRecorder.resume(runDir, metrics, checkpoint.manifest().tables());
             JournaledLedger ledger = new JournaledLedger(Ledgers.create(config.ledger(), seeds))) {
            recorder.onTiming(new TimingRecord("run", 0, "load_data", dataClock.elapsedMillis()));
            if (checkpoint != null) {
                replayLedger(store, checkpoint, ledger, recorder);
            }
            // the run's one timeline: the scenario's rounds or days, then the baseline's rounds
            VirtualClock clock = new VirtualClock();
            RunCheckpointer checkpoints = new RunCheckpointer(store, RunFingerprint.of(config), withBaseline ? CentralizedScenario.SERIES : null, recorder, ledger, checkpoint,
                    config.runtime().checkpointEvery(), stopRequested, clock);
            ProgressBar progress = new ProgressBar(SweepProgress.alsoRounds(recorder, roundObserver), progressOut, totalRounds, interactive);
            try {
                if (!checkpoints.scenarioFinishedBeforeResume()) {
                    scenario.runUnchecked(new ScenarioContext(config, data, seeds, ledger, progress, checkpoints, deployment, clock), config.scenario());
                }
                if (withBaseline) {
                    new CentralizedScenario().run(new ScenarioContext(config, data, seeds, ledger, progress, checkpoints, Deployment.LOCAL, clock),
                            CentralizedParams.defaults());
                }
            } catch (RunInterrupted e) {
                progress.interrupt();
                throw new RunStopped(runDir, e.series(), e.round());
            } catch (UserError e) {
                progress.interrupt();
                throw withResumeHint(e, store, runDir);
            } catch (RuntimeException e) {
                progress.interrupt();
                throw e;
            }
            lastVirtualTimeMillis = clock.nowMillis();
            boolean chainValid = ledger.verifyChain();
            RunResult result = recorder.result(config.name(), config.seed());
            if (config.output().charts()) {
                Stopwatch chartClock = Stopwatch.start();
                AccuracyChart.writePng(result, config.name() + ": test accuracy by round", runDir.resolve("accuracy.png"));
                if (BalanceChart.applies(result)) {
                    BalanceChart.writePng(result, config.name() + ": balances and accuracy", runDir.resolve("balances.png"));
                }
                recorder.onTiming(new TimingRecord("run", 0, "charts", chartClock.elapsedMillis()));
            }
            recorder.onTiming(new TimingRecord("run", 0, "total", total.elapsedMillis()));
            recorder.complete();
            writeSummary(runDir, config, scenario, result, ledger.stats(), chainValid);
            store.delete();
            writeReport(runDir);
            return result;
        }
    }

    /** Where the last finished run's virtual clock stopped. */
    long lastVirtualTimeMillis() {
        return lastVirtualTimeMillis;
    }

    /** Records how this run was started (command line, JVM) in invocation.json, apart from the results. */
    void writeInvocation(Path folder) {
        RunReport.writeInvocation(folder, commandArgs);
    }

    /** Renders the folder's report.html; a failure is printed as a warning and leaves the results valid. */
    void writeReport(Path folder) {
        RunReport.writeOrWarn(folder, progressOut);
    }

    /** The ledger's checkpoint is its journal: replayed into the fresh ledger, it rebuilds the same chain and contract state. */
    private static void replayLedger(CheckpointStore store, CheckpointStore.Loaded checkpoint, JournaledLedger ledger, RunRecorder recorder) {
        Stopwatch clock = Stopwatch.start();
        try {
            LedgerJournal.replay(store.journal(), checkpoint.manifest().journalBytes(), ledger.inner());
        } catch (IOException e) {
            throw new UserError(store.journal() + ": cannot replay the ledger journal (" + e.getMessage() + "); start the run again with --force");
        }
        recorder.onTiming(new TimingRecord("run", 0, "ledger_replay", clock.elapsedMillis()));
    }

    /** A problem met mid-run (a node gone away) leaves the last checkpoint valid: the message says how to continue. */
    private static UserError withResumeHint(UserError e, CheckpointStore store, Path runDir) {
        return store.read().map(c -> new UserError(e.getMessage() + "; the checkpoint of round " + c.manifest().round() + " (" + c.manifest().series()
                + ") stays valid: once that is fixed, chainfl run --resume " + runDir, e)).orElse(e);
    }

    /** The run stopped at the user's request after writing the checkpoint of {@code round}. */
    static final class RunStopped extends RuntimeException {
        final Path runDir;
        final int round;

        RunStopped(Path runDir, String series, int round) {
            super("interrupted after round " + round + " of " + series);
            this.runDir = runDir;
            this.round = round;
        }
    }

    private static void prepare(Path runDir, boolean force) {
        try {
            if (Files.exists(runDir.resolve("summary.json")) && !force) {
                throw new UserError(runDir + " already holds a finished run; pass --force to overwrite it or --out DIR to write elsewhere");
            }
            Files.createDirectories(runDir);
            if (force) {
                Files.deleteIfExists(runDir.resolve("summary.json"));
            }
        } catch (IOException e) {
            throw new UserError("cannot create the run folder " + runDir + ": " + e.getMessage());
        }
    }

    private static void writeSummary(Path runDir, RunConfig config, Scenario<?> scenario, RunResult result, LedgerStats ledger, boolean chainValid) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("name", config.name());
        root.put("scenario", scenario.name());
        root.put("seed", config.seed());
        root.put("rounds", config.rounds());
        root.put("participants", config.participants());
        root.put("chainfl_version", Versions.chainfl());
        ObjectNode finals = root.putObject("final");
        for (String series : result.series()) {
            RoundMetrics last = result.last(series).orElseThrow();
            ObjectNode s = finals.putObject(series);
            s.put("round", last.round());
            s.put("accuracy", last.accuracy());
            s.put("loss", last.loss());
            s.put("macro_f1", last.macroF1());
            s.put("best_accuracy", result.series(series).stream().mapToDouble(RoundMetrics::accuracy).max().orElse(Double.NaN));
        }
        ObjectNode ledgerNode = root.putObject("ledger");
        ledgerNode.put("type", config.ledger().type().name().toLowerCase());
        ledgerNode.put("transactions", ledger.transactions());
        ledgerNode.put("blocks", ledger.blocks());
        ledgerNode.put("payload_bytes", ledger.payloadBytes());
        ledgerNode.put("chain_valid", chainValid);
        List<String> files = new ArrayList<>(List.of("config.yaml", "metrics.csv", "participants.csv", "events.csv", "timing.csv",
                RunReport.INVOCATION, HtmlReport.FILE));
        if (config.output().charts()) {
            files.addAll(List.of("accuracy.png", "accuracy.svg"));
            if (BalanceChart.applies(result)) {
                files.addAll(List.of("balances.png", "balances.svg"));
            }
        }
        root.putPOJO("files", files);
        try {
            writeAtomically(runDir.resolve("summary.json"), json.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeAtomically(Path file, String text) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
