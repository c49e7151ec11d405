package io.chainfl.cli;

import io.chainfl.agents.Deployment;
import io.chainfl.agents.cluster.ClusterDeployment;
import io.chainfl.agents.cluster.ClusterOptions;
import io.chainfl.agents.cluster.ClusterSettings;
import io.chainfl.agents.cluster.RunFingerprint;
import io.chainfl.engine.UserError;
import io.chainfl.engine.config.RunConfig;
import java.time.Duration;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario YAML (or, without FILE, the embedded quickstart) and write a run folder:",
            "config.yaml (resolved), metrics.csv, participants.csv, events.csv, timing.csv (wall clock, apart",
            "from results), accuracy.png and summary.json (written last: its presence marks a finished run)."})
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

    @Option(names = "--cluster", description = "run as the driver of a Pekko cluster and place participants on its members (see chainfl node)")
    boolean clustered;

    @Option(names = "--members", paramLabel = "N", defaultValue = "1",
            description = "with --cluster: members (this driver included) to wait for before placing participants (default ${DEFAULT-VALUE})")
    int members;

    @Option(names = "--join-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "with --cluster: how long to wait for the members (default ${DEFAULT-VALUE})")
    int joinTimeoutSeconds;

    @Mixin
    ClusterArgs cluster;

    @Override
    public Integer call() {
        List<String> all = new ArrayList<>(overrides);
        if (seed != null) {
            all.add("seed=" + seed);
        }
        if (threads != null) {
            all.add("runtime.threads=" + threads);
        }
        RunConfig config = Configs.load(file, all);
        SweepCommand.refuseSweepIn(config, file);
        Path runDir = out != null ? out : RunOrchestrator.defaultRunDir(config);
        RunOrchestrator orchestrator = new RunOrchestrator(System.err, System.console() != null, deployment(config));
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

    private Deployment deployment(RunConfig config) {
        if (!clustered) {
            return Deployment.LOCAL;
        }
        ClusterArgs.requireClusterable(config, "--cluster");
        if (members < 1) {
            throw new UserError("--members: at least 1 (the driver), got " + members);
        }
        return new ClusterDeployment(new ClusterOptions(cluster.settings(ClusterSettings.DRIVER_ROLE), members,
                Duration.ofSeconds(joinTimeoutSeconds), config.runtime().onParticipantLoss(), RunFingerprint.of(config)));
    }

    private static void print(String series, RoundMetrics last) {
        System.out.printf(Locale.ROOT, "%-22s round %3d  accuracy %.4f  macro-F1 %.4f  loss %.4f%n",
                series, last.round(), last.accuracy(), last.macroF1(), last.loss());
    }
}
