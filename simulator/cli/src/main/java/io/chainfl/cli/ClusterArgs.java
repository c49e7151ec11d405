package io.chainfl.cli;

import io.chainfl.agents.cluster.ClusterSettings;
import io.chainfl.engine.UserError;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.scenarios.Clustering;
import io.chainfl.scenarios.ScenarioRegistry;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every cluster member shares: where it listens and whom it joins. */
final class ClusterArgs {
    @Option(names = "--port", paramLabel = "P", description = "Artery TCP port of this member (0: any free port; default ${DEFAULT-VALUE})",
            defaultValue = "25520")
    int port;

    @Option(names = "--host", paramLabel = "HOST", description = "address this member listens on and is reached at (default ${DEFAULT-VALUE})",
            defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--seed-nodes", paramLabel = "HOST:PORT,...", description = "members to join through, the driver first (default: this member)")
    String seedNodes;

    ClusterSettings settings(String role) {
        List<String> seeds = seedNodes == null ? List.of(host + ":" + port) : ClusterSettings.parseSeedNodes(seedNodes);
        List<String> roles = role.equals(ClusterSettings.DRIVER_ROLE)
                ? List.of(ClusterSettings.DRIVER_ROLE, ClusterSettings.PARTICIPANTS_ROLE) : List.of(ClusterSettings.PARTICIPANTS_ROLE);
        return new ClusterSettings(host, port, seeds, roles);
    }

    /** The scenario's clustering when its participants can be placed on other members; otherwise the one-line reason, naming the key. */
    static Clustering.Supported requireClusterable(RunConfig config, String what) {
        Clustering clustering = ScenarioRegistry.forParams(config.scenario()).clustering();
        if (clustering instanceof Clustering.OneJvmOnly oneJvm) {
            throw new UserError(what + ": " + oneJvm.reason() + "; clustered runs support scenario.type: "
                    + String.join(", ", ScenarioRegistry.clusterable()) + " (drop --cluster)");
        }
        if (!config.variants().isEmpty()) {
            throw new UserError(what + ": a config with variants runs in one JVM only; run one variant with --cluster (--set ...)");
        }
        return (Clustering.Supported) clustering;
    }
}
