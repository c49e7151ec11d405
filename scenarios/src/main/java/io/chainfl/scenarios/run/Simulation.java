package io.chainfl.scenarios.run;

import io.chainfl.engine.metrics.MetricDeclarations;
import io.chainfl.engine.kernel.VirtualClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainfl.agents.Deployment;
import io.chainfl.engine.UserError;
import io.chainfl.engine.checkpoint.CheckpointStore;
import io.chainfl.ledger.journal.JournaledLedger;
import io.chainfl.ledger.journal.LedgerJournal;
import io.chainfl.engine.checkpoint.RunCheckpointer;
import io.chainfl.engine.config.ConfigLoader;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.ledger.LedgerStats;
import io.chainfl.ledger.Ledgers;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.metrics.RunRecorder;
import io.chainfl.engine.metrics.RunResult;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.metrics.TimingRecord;
import io.chainfl.engine.run.RunFolder;
import io.chainfl.learning.data.RunInputs;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioContext;
import io.chainfl.scenarios.ScenarioRegistry;
import io.chainfl.scenarios.baseline.CentralizedParams;
import io.chainfl.scenarios.baseline.CentralizedScenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The run API: runs one config into a {@link RunFolder} (inputs, ledger and its journal, recorder, checkpoints and
 * resume, the scenario, the centralized baseline, {@code summary.json}). The CLI, sweeps, checks and tests call it;
 * they add progress output and charts through {@link RunHooks} and never need to know which scenario runs.
 * The folder is usable at every moment: tables are flushed round by round under {@code .partial} names, and
 * {@code summary.json}, written last, marks a finished run.
 *
 * @param deployment where the scenario's participants live (the centralized baseline always runs in this JVM)
 * @param stopRequested true once the run should stop after the current round's checkpoint (Ctrl-C)
 * @param version the chainfl version recorded in summary.json
 */
public record Simulation(Deployment deployment, BooleanSupplier stopRequested, String version) {
    /** Series of the centralized baseline's rows, which every run may add beside its scenario's. */
    public static final String BASELINE_SERIES = CentralizedScenario.SERIES;

    public Simulation {
        deployment = deployment == null ? Deployment.LOCAL : deployment;
        stopRequested = stopRequested == null ? () -> false : stopRequested;
    }

    /** Whether a run of {@code config} adds the centralized baseline's series after its scenario's ({@link #BASELINE_SERIES}). */
    public static boolean withBaseline(RunConfig config) {
        return config.baseline().centralized() && !(ScenarioRegistry.forParams(config.scenario()) instanceof CentralizedScenario);
    }

    /** Metric rows a run of {@code config} reports in all, scenario and baseline: the unit of a progress bar. */
    public static int reportedRounds(RunConfig config) {
        return ScenarioRegistry.forParams(config.scenario()).reportedRoundsUnchecked(config, config.scenario()) + (withBaseline(config) ? config.rounds() : 0);
    }

    /** Runs in this JVM to the end. */
    public static Simulation local(String version) {
        return new Simulation(Deployment.LOCAL, () -> false, version);
    }

    /** Loads and writes configs with every registered scenario and adversary. */
    public static ConfigLoader configLoader() {
        return new ConfigLoader(ScenarioRegistry.configTypes());
    }

    /** The folder a run writes to unless told otherwise: {@code output.dir/NAME-seedSEED}. */
    public static RunFolder defaultFolder(RunConfig config) {
        return new RunFolder(Path.of(config.output().dir()).resolve(config.name() + "-seed" + config.seed()));
    }

    /**
     * Creates the folder (refusing to overwrite a finished run unless {@code force}), writes its config.yaml and
     * drops an old checkpoint: what a fresh run does before {@link #run}.
     */
    public static void prepare(RunConfig config, RunFolder folder, boolean force) {
        try {
            if (folder.finished() && !force) {
                throw new UserError(folder + " already holds a finished run; pass --force to overwrite it or --out DIR to write elsewhere");
            }
            Files.createDirectories(folder.dir());
            if (force) {
                Files.deleteIfExists(folder.summary());
            }
        } catch (IOException e) {
            throw new UserError("cannot create the run folder " + folder + ": " + e.getMessage());
        }
        new CheckpointStore(folder.dir()).delete();
        RunFolder.writeAtomically(folder.config(), configLoader().toYaml(config));
    }

    /** Runs {@code config} from round 1 into a prepared folder ({@link #prepare}). */
    public RunResult run(RunConfig config, RunFolder folder, RunHooks hooks) {
        return execute(config, folder, null, hooks);
    }

    /**
     * The checkpoint to continue the run in {@code folder} from, once it is known to belong to {@code config}
     * (settings that never change results, such as runtime.threads, may differ).
     */
    public static CheckpointStore.Loaded checkpointToResume(RunConfig config, RunFolder folder) {
        CheckpointStore store = new CheckpointStore(folder.dir());
        CheckpointStore.Loaded checkpoint = store.read().orElseThrow(() -> new UserError(folder + ": no checkpoint to resume from ("
                + store.manifestFile() + " is missing); start the run again with chainfl run FILE --out " + folder + " --force"));
        if (!RunFingerprint.of(config).equals(checkpoint.manifest().configHash())) {
            throw new UserError(folder.config() + ": the config differs from the one the checkpoint was written with;"
                    + " resume with the run's own config.yaml (only runtime.threads, runtime.checkpoint_every and output.dir may change),"
                    + " or start a new run with --out");
        }
        return checkpoint;
    }

    /** Continues the run in {@code folder} after {@code checkpoint} ({@link #checkpointToResume}). */
    public RunResult resume(RunConfig config, RunFolder folder, CheckpointStore.Loaded checkpoint, RunHooks hooks) {
        return execute(config, folder, checkpoint, hooks);
    }

    private RunResult execute(RunConfig config, RunFolder folder, CheckpointStore.Loaded checkpoint, RunHooks hooks) {
        Stopwatch total = Stopwatch.start();
        Scenario<?> scenario = ScenarioRegistry.forParams(config.scenario());
        // before the data is built, so an unsupported adversary is the first and only thing the user reads
        ScenarioRegistry.checkAdversaries(scenario, config);
        if (config.devices() != null && !scenario.modelsDevices()) {
            List<String> modelled = ScenarioRegistry.withDevices();
            String names = modelled.size() < 2 ? String.join("", modelled)
                    : String.join(", ", modelled.subList(0, modelled.size() - 1)) + " and " + modelled.get(modelled.size() - 1);
            throw new UserError("devices: " + scenario.name() + " does not model device time yet (" + names + " do; docs/virtual-time.md); remove the devices section");
        }
        if (config.devices() != null && config.devices().serverWork() != io.chainfl.engine.config.ServerWork.NONE && !scenario.modelsServerWork()) {
            throw new UserError("devices.server_work: " + scenario.name() + " does not model the server's compute time (fedavg does; docs/virtual-time.md);"
                    + " set devices.server_work: none or remove it");
        }
        Stopwatch dataClock = Stopwatch.start();
        RunInputs inputs = RunInputs.of(config);
        boolean withBaseline = withBaseline(config);
        int trainSamples = Math.toIntExact(inputs.data().trainSamples());

        CheckpointStore store = new CheckpointStore(folder.dir());
        MetricDeclarations metrics = scenario.metricDeclarations(config, withBaseline ? List.of(BASELINE_SERIES) : List.of());
        try (RunRecorder recorder = checkpoint == null ? new RunRecorder(folder.dir(), metrics)
                : RunRecorder.resume(folder.dir(), metrics, checkpoint.manifest().tables());
             JournaledLedger ledger = new JournaledLedger(Ledgers.create(config.ledger(), inputs.seeds()))) {
            recorder.onTiming(new TimingRecord("run", 0, "load_data", dataClock.elapsedMillis()));
            if (checkpoint != null) {
                replayLedger(store, checkpoint, ledger, recorder);
            }
            // the run's one timeline: the scenario's rounds or days, then the baseline's rounds
            VirtualClock clock = new VirtualClock();
            RunCheckpointer checkpoints = new RunCheckpointer(store, RunFingerprint.of(config), withBaseline ? BASELINE_SERIES : null, recorder, ledger,
                    checkpoint, config.runtime().checkpointEvery(), stopRequested, clock);
            RunListener listener = hooks.starting(new RunHooks.RunPlan(config, scenario.name(), folder, trainSamples, inputs.data().test().size(),
                    reportedRounds(config)), recorder);
            // a fresh run with 2+ threads computes the baseline's rounds beside the scenario's (same bits; recorded after them as before)
            try (CentralizedScenario.Ahead baselineAhead = withBaseline && checkpoint == null && config.runtime().effectiveThreads() > 1
                    ? CentralizedScenario.startAhead(config, inputs.data(), inputs.seeds(), CentralizedParams.defaults()) : null) {
                if (!checkpoints.scenarioFinishedBeforeResume()) {
                    scenario.runUnchecked(new ScenarioContext(config, inputs.data(), inputs.seeds(), ledger, listener, checkpoints, deployment, clock),
                            config.scenario());
                }
                if (withBaseline) {
                    new CentralizedScenario().run(new ScenarioContext(config, inputs.data(), inputs.seeds(), ledger, listener, checkpoints, Deployment.LOCAL, clock),
                            CentralizedParams.defaults(), baselineAhead);
                }
            } catch (UserError e) {
                hooks.aborted();
                throw withResumeHint(e, store, folder);
            } catch (RuntimeException e) {
                hooks.aborted();
                throw e;
            }
            hooks.clockStopped(clock.nowMillis());
            boolean chainValid = ledger.verifyChain();
            RunResult result = recorder.result(config.name(), config.seed());
            List<String> callerFiles = hooks.finishing(config, result, folder, recorder);
            recorder.onTiming(new TimingRecord("run", 0, "total", total.elapsedMillis()));
            recorder.complete();
            writeSummary(folder, config, scenario, result, ledger.stats(), chainValid, callerFiles);
            store.delete();
            return result;
        }
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
    private static UserError withResumeHint(UserError e, CheckpointStore store, RunFolder folder) {
        return store.read().map(c -> new UserError(e.getMessage() + "; the checkpoint of round " + c.manifest().round() + " (" + c.manifest().series()
                + ") stays valid: once that is fixed, chainfl run --resume " + folder, e)).orElse(e);
    }

    private void writeSummary(RunFolder folder, RunConfig config, Scenario<?> scenario, RunResult result, LedgerStats ledger, boolean chainValid,
                              List<String> callerFiles) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("name", config.name());
        root.put("scenario", scenario.name());
        root.put("seed", config.seed());
        root.put("rounds", config.rounds());
        root.put("participants", config.participants());
        root.put("chainfl_version", version);
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
        List<String> files = new ArrayList<>(List.of(RunFolder.CONFIG));
        files.addAll(RunFolder.TABLES);
        files.addAll(callerFiles);
        root.putPOJO("files", files);
        try {
            RunFolder.writeAtomically(folder.summary(), json.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
