package io.chainfl.cli;

import io.chainfl.engine.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Memory per participant and updates per second as FedAvg grows to a million participants.",
            "Softmax regression, synthetic data generated per participant when it trains (50 samples each), client sampling: heap and off-heap memory",
            "per participant after round 1 and rounds per second, in this JVM and on a 3-JVM cluster on 127.0.0.1 (two `chainfl node` children),",
            "with ratios against the smallest size. Without --sizes: 10,000, 100,000 and 1,000,000 in one JVM, 10,000 and 100,000 on the cluster.",
            "Run it with the heap you mean to test, e.g. CHAINFL_HEAP=4g ./chainfl bench scale"})
final class ScaleBenchCommand implements Callable<Integer> {
    /** A million participants on three JVMs sharing two cores would take most of an hour; one JVM runs them in minutes. */
    static final List<Integer> LOCAL_SIZES = List.of(10_000, 100_000, 1_000_000);
    static final List<Integer> CLUSTER_SIZES = List.of(10_000, 100_000);

    @Option(names = "--sizes", split = ",", description = "participant counts (default 10000,100000,1000000 in one JVM, 10000,100000 on the cluster)")
    List<Integer> sizes = new ArrayList<>();

    @Option(names = "--rounds", defaultValue = "6", description = "rounds per size (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--fraction", defaultValue = "0.05", description = "scenario.sample_fraction (default ${DEFAULT-VALUE})")
    double fraction;

    @Option(names = "--where", defaultValue = "both", description = "local, cluster or both (default ${DEFAULT-VALUE})")
    String where;

    @Option(names = "--work-dir", defaultValue = "target/bench-scale", description = "configs and node logs of the cluster runs")
    Path workDir;

    @Override
    public Integer call() {
        if (rounds < 2 || sizes.stream().anyMatch(n -> n < 1) || !List.of("local", "cluster", "both").contains(where)) {
            throw new UserError("bench scale: need --rounds >= 2, positive --sizes, and --where local|cluster|both");
        }
        System.out.printf("max heap %d MB, %d cores%n", Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        if (!where.equals("cluster")) {
            ScaleBenchmark.printTable("one JVM:", ScaleBenchmark.run(sizes.isEmpty() ? LOCAL_SIZES : sizes, rounds, fraction, false, workDir, System.out), System.out);
        }
        if (!where.equals("local")) {
            ScaleBenchmark.printTable("3 JVMs (driver + 2 nodes on 127.0.0.1; memory: the driver's):",
                    ScaleBenchmark.run(sizes.isEmpty() ? CLUSTER_SIZES : sizes, rounds, fraction, true, workDir, System.out), System.out);
        }
        return 0;
    }
}
