package io.chainfl.cli;

import io.chainfl.agents.cluster.ClusterSettings;
import io.chainfl.engine.UserError;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.scenarios.fedavg.FedAvgParams;
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

    /** Clustered runs place FedAvg participants; other protocols still run in one JVM. */
    static void requireClusterable(RunConfig config, String what) {
        if (!(config.scenario() instanceof FedAvgParams)) {
            throw new UserError(what + ": scenario.type " + config.scenario().getClass().getSimpleName().replace("Params", "").toLowerCase()
                    + " runs in one JVM only; clustered runs support scenario.type: fedavg (drop --cluster)");
        }
        if (!config.variants().isEmpty()) {
            throw new UserError(what + ": a config with variants runs in one JVM only; run one variant with --cluster (--set ...)");
        }
    }
}
