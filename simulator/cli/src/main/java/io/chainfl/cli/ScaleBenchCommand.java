package io.chainfl.cli;

import io.chainfl.engine.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Memory per participant and rounds per second as FedAvg grows to 10,000 participants.",
            "Softmax regression, synthetic data, 50 samples each, client sampling: heap and off-heap memory per participant after round 1 and rounds per second, in this JVM and",
            "on a 3-JVM cluster on 127.0.0.1 (two `chainfl node` children), with ratios against the smallest size.",
            "Run it with the heap you mean to test, e.g. CHAINFL_HEAP=4g ./chainfl bench scale"})
final class ScaleBenchCommand implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "100,1000,10000", description = "participant counts (default ${DEFAULT-VALUE})")
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
        if (rounds < 2 || sizes.isEmpty() || !List.of("local", "cluster", "both").contains(where)) {
            throw new UserError("bench scale: need --rounds >= 2, at least one size, and --where local|cluster|both");
        }
        System.out.printf("max heap %d MB, %d cores%n", Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        if (!where.equals("cluster")) {
            ScaleBenchmark.printTable("one JVM:", ScaleBenchmark.run(sizes, rounds, fraction, false, workDir, System.out), System.out);
        }
        if (!where.equals("local")) {
            ScaleBenchmark.printTable("3 JVMs (driver + 2 nodes on 127.0.0.1; memory: the driver's):",
                    ScaleBenchmark.run(sizes, rounds, fraction, true, workDir, System.out), System.out);
        }
        return 0;
    }
}
