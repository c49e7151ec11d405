package io.chainfl.cli;

import io.chainfl.agents.cluster.ClusterNode;
import io.chainfl.agents.cluster.ClusterSettings;
import io.chainfl.agents.cluster.MemberHost;
import io.chainfl.agents.cluster.MemberFingerprint;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.learning.data.MemberInputs;
import io.chainfl.scenarios.Clustering;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Start a cluster member (role participants) that hosts the entities Cluster Sharding places on it",
            "(participants, SecCL scorers, DeepChain parties and workers, SUM agents). It loads the same config as the run",
            "and derives every entity's data from config and seed, so only entity ids and the protocol's messages cross",
            "the network; it copies out the data only of the entities it hosts, when they start. It exits when the driver",
            "leaves the cluster.",
            "Example:  chainfl node --config configs/quickstart.yaml --port 25521 --seed-nodes 127.0.0.1:25520"})
final class NodeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", required = true, description = "the run's scenario YAML (the same as the driver's)")
    Path file;

    @Option(names = "--seed", paramLabel = "N", description = "override the master seed (as on the driver)")
    Long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key (as on the driver; repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "threads training this member's participants at once")
    Integer threads;

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
        Clustering.Supported clustering = ClusterArgs.requireClusterable(config, "chainfl node");
        ClusterSettings settings = cluster.settings(ClusterSettings.PARTICIPANTS_ROLE);
        String fingerprint = MemberFingerprint.of(config);
        Hosting hosting = hosting(config, clustering, fingerprint);
        System.err.printf("chainfl node: member %s:%d joining %s; hosts the entities of '%s' (config %s)%n", settings.host(), settings.port(),
                settings.seedNodes(), config.name(), fingerprint.substring(0, 12));
        ClusterNode.start(settings, config.runtime().effectiveThreads(), hosting.largestMessage(), hosting.run()).toCompletableFuture().join();
        System.err.println("chainfl node: left the cluster");
        return 0;
    }

    private record Hosting(MemberHost.HostedRun run, long largestMessage) {}

    /**
     * The member's entities and frame size. The inputs (the split as row numbers and the pool) stay reachable only through
     * the recipes that copy shares out of them, so a member whose entities need no data (SUM agents) lets the pool go.
     */
    private static Hosting hosting(RunConfig config, Clustering.Supported clustering, String fingerprint) {
        MemberInputs inputs = MemberInputs.of(config);
        return new Hosting(new MemberHost.HostedRun(fingerprint, clustering.entities().apply(inputs)), clustering.largestMessage().applyAsLong(inputs));
    }
}
