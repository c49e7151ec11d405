package io.chainfl.cli;

import io.chainfl.engine.run.RunFolder;
import io.chainfl.agents.Deployment;
import io.chainfl.agents.cluster.ClusterDeployment;
import io.chainfl.agents.cluster.ClusterOptions;
import io.chainfl.agents.cluster.ClusterSettings;
import io.chainfl.engine.UserError;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.RunListener;
import java.time.Duration;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario YAML (or, without FILE, the embedded quickstart) into a run folder.",
            "The folder gets config.yaml (resolved), metrics.csv, participants.csv, events.csv, timing.csv (wall clock, apart",
            "from results), accuracy.png/.svg, summary.json (its presence marks a finished run) and report.html.",
            "--resume DIR continues an interrupted run; --cluster runs it across the members of a Pekko cluster (see chainfl node)."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "scenario YAML; default: the embedded quickstart")
    Path file;

    @Option(names = "--seed", paramLabel = "N", description = "override the master seed")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: output.dir/NAME-seedSEED)")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key, e.g. --set training.lr=0.05 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "threads training participants at once (results do not change)")
    Integer threads;

    @Option(names = "--force", description = "overwrite a finished run in the same folder")
    boolean force;

    @Spec
    CommandSpec spec;

    @Option(names = "--resume", paramLabel = "DIR", description = {"continue the run in DIR from its last checkpoint, with DIR/config.yaml",
        "(or FILE, which must resolve to the same config; --threads may change)"})
    Path resume;

    /** What the shutdown hook exits with once the run has stopped: 130 after an interruption, as shells do for Ctrl-C. */
    static final int EXIT_INTERRUPTED = 130;

    @Option(names = "--cluster", description = "run as the driver of a Pekko cluster: Cluster Sharding places the scenario's participants, parties, workers or agents on its members (see chainfl node)")
    boolean clustered;

    @Option(names = "--members", paramLabel = "N", defaultValue = "1",
            description = "with --cluster: members (this driver included) to wait for before the run starts (default ${DEFAULT-VALUE})")
    int members;

    @Option(names = "--join-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "with --cluster: how long to wait for the members (default ${DEFAULT-VALUE})")
    int joinTimeoutSeconds;

    @Mixin
    ClusterArgs cluster;

    @Override
    public Integer call() {
        AtomicBoolean stopRequested = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(1);
        // Ctrl-C and SIGTERM run shutdown hooks: this one asks the run to stop after the current round's checkpoint,
        // waits until it has, and ends the JVM with the run's exit code (System.exit cannot be called during shutdown)
        Thread hook = new Thread(() -> {
            stopRequested.set(true);
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(exitCode.get());
        }, "chainfl-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int code = execute(stopRequested);
            exitCode.set(code);
            return code;
        } catch (RunOrchestrator.RunStopped e) {
            System.err.println("chainfl: interrupted after round " + e.round + "; resume with: chainfl run --resume " + e.runDir);
            exitCode.set(EXIT_INTERRUPTED);
            return EXIT_INTERRUPTED;
        } catch (UserError e) {
            exitCode.set(Main.EXIT_BAD_INPUT);
            throw e;
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and ends the JVM with exitCode
            }
        }
    }

    private int execute(AtomicBoolean stopRequested) {
        List<String> all = new ArrayList<>(overrides);
        if (seed != null) {
            all.add("seed=" + seed);
        }
        if (threads != null) {
            all.add("runtime.threads=" + threads);
        }
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        if (resume != null) {
            if (clustered) {
                throw new UserError("--resume continues a run in this JVM; drop --cluster (clustered runs start again)");
            }
            return resume(new RunOrchestrator(System.err, System.console() != null, RunListener.NONE, args, stopRequested::get, Deployment.LOCAL), all);
        }
        RunConfig config = Configs.load(file, all);
        SweepCommand.refuseSweepIn(config, file);
        Path runDir = out != null ? out : RunOrchestrator.defaultRunDir(config);
        RunOrchestrator orchestrator = new RunOrchestrator(System.err, System.console() != null, RunListener.NONE, args, stopRequested::get,
                deployment(config));
        if (config.variants().isEmpty()) {
            RunResult result = orchestrator.run(config, runDir, force);
            for (String series : result.series()) {
                print(series, result.last(series).orElseThrow());
            }
        } else {
            new VariantRunner(orchestrator).run(config, runDir, force).forEach((variant, result) ->
                    print(variant, result.rounds().get(result.rounds().size() - 1)));
        }
        System.out.println("results: " + runDir.toAbsolutePath().normalize());
        return 0;
    }

    private int resume(RunOrchestrator orchestrator, List<String> overrides) {
        if (out != null || force) {
            throw new UserError("--resume DIR continues the run where it is; drop --out and --force");
        }
        if (Files.exists(resume.resolve(RunFolder.SUMMARY))) {
            System.err.println("chainfl: " + resume + " already holds a finished run (summary.json); nothing to resume");
            System.out.println("results: " + resume.toAbsolutePath().normalize());
            return 0;
        }
        Path saved = resume.resolve(RunFolder.CONFIG);
        if (file == null && !Files.exists(saved)) {
            throw new UserError(saved + ": missing, so " + resume + " is not a run folder; pass the folder chainfl run wrote (see --out)");
        }
        RunConfig config = Configs.load(file != null ? file : saved, overrides);
        if (!config.variants().isEmpty()) {
            throw new UserError(resume + ": a config with variants is resumed variant by variant: chainfl run --resume " + resume + "/VARIANT");
        }
        RunResult result = orchestrator.resume(config, resume);
        for (String series : result.series()) {
            print(series, result.last(series).orElseThrow());
        }
        System.out.println("results: " + resume.toAbsolutePath().normalize());
        return 0;
    }

    private Deployment deployment(RunConfig config) {
        if (!clustered) {
            return Deployment.LOCAL;
        }
        ClusterArgs.requireClusterable(config, "--cluster");
        if (members < 1) {
            throw new UserError("--members: at least 1 (the driver), got " + members);
        }
        return new ClusterDeployment(new ClusterOptions(cluster.settings(ClusterSettings.DRIVER_ROLE), members,
                Duration.ofSeconds(joinTimeoutSeconds), config.runtime().onParticipantLoss(), io.chainfl.agents.cluster.MemberFingerprint.of(config)));
    }

    private static void print(String series, RoundMetrics last) {
        System.out.printf(Locale.ROOT, "%-22s round %3d  accuracy %.4f  macro-F1 %.4f  loss %.4f%n",
                series, last.round(), last.accuracy(), last.macroF1(), last.loss());
    }
}
