package io.chainfl.agents.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.chainfl.agents.SimulationSystem;
import io.chainfl.engine.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How one JVM joins a chainfl cluster: Artery TCP on {@code host:port}, the seed nodes, its roles, Jackson CBOR
 * for every {@code CborSerializable} message, a frame large enough for the model vector, and the split-brain
 * resolver. JVM system properties ({@code -Dpekko....}) override every setting here.
 *
 * @param seedNodes {@code host:port} of the members to join through; the driver first
 */
public record ClusterSettings(String host, int port, List<String> seedNodes, List<String> roles) {
    public static final String SYSTEM_NAME = "chainfl";
    public static final String DRIVER_ROLE = "driver";
    public static final String PARTICIPANTS_ROLE = "participants";
    /** Bytes of one float in CBOR (a 1-byte head and 4 bytes of IEEE 754 single). */
    static final int CBOR_BYTES_PER_FLOAT = 5;
    static final long FRAME_OVERHEAD = 64 * 1024;
    static final long DEFAULT_FRAME = 256 * 1024;

    public ClusterSettings {
        seedNodes = List.copyOf(seedNodes);
        roles = List.copyOf(roles);
        for (String seed : seedNodes) {
            parseHostPort(seed);
        }
    }

    /** Splits {@code host:port,host:port}; a malformed entry is a user error naming the option. */
    public static List<String> parseSeedNodes(String option) {
        List<String> seeds = new ArrayList<>();
        for (String part : option.split(",")) {
            if (!part.isBlank()) {
                parseHostPort(part.trim());
                seeds.add(part.trim());
            }
        }
        if (seeds.isEmpty()) {
            throw new UserError("--seed-nodes: give at least one host:port, e.g. --seed-nodes 127.0.0.1:25520");
        }
        return seeds;
    }

    private static void parseHostPort(String seed) {
        int colon = seed.lastIndexOf(':');
        try {
            if (colon <= 0 || Integer.parseInt(seed.substring(colon + 1)) <= 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new UserError("--seed-nodes: '" + seed + "' is not host:port, e.g. 127.0.0.1:25520");
        }
    }

    /**
     * Artery's largest frame: one model vector in CBOR plus room for the rest of the message, as a power of two,
     * at least Pekko's default. Every member derives it from the same config, so they agree.
     */
    public static long frameBytes(long modelParams) {
        long needed = modelParams * CBOR_BYTES_PER_FLOAT + FRAME_OVERHEAD;
        return Math.max(DEFAULT_FRAME, Long.highestOneBit(needed - 1) << 1);
    }

    public Config config(int trainingThreads, long modelParams) {
        String seeds = seedNodes.stream().map(s -> "\"pekko://" + SYSTEM_NAME + "@" + s + "\"").collect(Collectors.joining(", "));
        String roleList = roles.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(", "));
        String cluster = "pekko.actor.provider = cluster\n"
                + "pekko.remote.artery.transport = tcp\n"
                + "pekko.remote.artery.canonical.hostname = \"" + host + "\"\n"
                + "pekko.remote.artery.canonical.port = " + port + "\n"
                + "pekko.remote.artery.advanced.maximum-frame-size = " + frameBytes(modelParams) + "\n"
                + "pekko.cluster.seed-nodes = [" + seeds + "]\n"
                + "pekko.cluster.roles = [" + roleList + "]\n"
                + "pekko.cluster.jmx.multi-mbeans-in-same-jvm = on\n"
                // the driver forms the cluster, so it is always the oldest member: keep-oldest keeps the side that
                // holds the run's results, whatever the partition (down-if-alone off: even when the driver is alone)
                + "pekko.cluster.downing-provider-class = \"org.apache.pekko.cluster.sbr.SplitBrainResolverProvider\"\n"
                + "pekko.cluster.split-brain-resolver.active-strategy = keep-oldest\n"
                + "pekko.cluster.split-brain-resolver.keep-oldest.down-if-alone = off\n"
                + "pekko.cluster.split-brain-resolver.stable-after = 5s\n"
                // training saturates the cores and pauses for GC: a member that is merely busy must not be downed
                + "pekko.cluster.failure-detector.acceptable-heartbeat-pause = 6s\n"
                // shards stay where they were first placed while their member lives: an entity rebuilt elsewhere
                // would leave behind what its member remembers for it (a free-rider's last upload), so never rebalance
                + "pekko.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit = 0\n"
                + "pekko.cluster.sharding.least-shard-allocation-strategy.rebalance-threshold = 1000000000\n"
                + "pekko.actor.serialization-bindings {\n"
                + "  \"io.chainfl.agents.CborSerializable\" = jackson-cbor\n"
                + "}\n"
                + "pekko.coordinated-shutdown.exit-jvm = off\n";
        return ConfigFactory.systemProperties()
                .withFallback(ConfigFactory.parseString(cluster))
                .withFallback(SimulationSystem.config(trainingThreads));
    }
}
