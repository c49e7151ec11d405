package io.chainfl.cli;

import io.chainfl.agents.Deployment;
import io.chainfl.agents.cluster.ClusterDeployment;
import io.chainfl.agents.cluster.ClusterOptions;
import io.chainfl.agents.cluster.ClusterSettings;
import io.chainfl.agents.cluster.MemberFingerprint;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.Ledgers;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.learning.data.RunInputs;
import io.chainfl.scenarios.ScenarioContext;
import io.chainfl.scenarios.ScenarioRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * Memory per participant and rounds per second of FedAvg (softmax regression on synthetic data, client
 * sampling) as the number of participants grows, in this JVM or with two {@code chainfl node} members on
 * 127.0.0.1; ratios are against the smallest size measured in the same run.
 */
final class ScaleBenchmark {
    /** Training samples per participant (before the validation split) and the fixed test set. */
    static final int SAMPLES_PER_PARTICIPANT = 50;
    static final int TEST_SAMPLES = 2_000;

    record Measurement(int participants, int perRound, double heapBytes, double offHeapBytes, double roundsPerSecond) {}

    private ScaleBenchmark() {}

    /**
     * Each participant's samples generated from its own seed stream when it trains ({@code per_participant}), so no
     * participant holds data between rounds; the test set is {@link #TEST_SAMPLES} samples of its own stream.
     */
    static String configYaml(int participants, int rounds, double fraction) {
        return String.format(Locale.ROOT, """
                name: scale-%d
                seed: 42
                rounds: %d
                participants: %d
                scenario: {type: fedavg, sample_fraction: %s}
                data:
                  source: synthetic
                  synthetic: {samples: %d, features: 100, classes: 10, separation: 2.0, per_participant: %d}
                  validation_fraction: 0.1
                  partition: {type: iid}
                model: {type: softmax}
                training: {lr: 0.1, batch_size: 16, local_epochs: 1}
                baseline: {centralized: false}
                ledger: {type: simulated}
                output: {charts: false}
                """, participants, rounds, participants, fraction, TEST_SAMPLES, SAMPLES_PER_PARTICIPANT);
    }

    /**
     * One size: builds the data, runs the rounds, and after round 1 (every participant created, one round's
     * updates gone) takes heap used after a full GC and native bytes; rounds per second over the remaining rounds.
     */
    static Measurement measure(RunConfig config, Deployment deployment) {
        fullGc();
        long heapBefore = heapUsed();
        long offHeapBefore = nativeBytes();
        RunInputs inputs = RunInputs.of(config);
        long[] memory = new long[2];
        Stopwatch[] clock = new Stopwatch[1];
        double[] seconds = new double[1];
        int[] perRound = new int[1];
        RunListener listener = metrics -> onRound(metrics, config.rounds(), memory, clock, seconds, perRound);
        try (Ledger ledger = Ledgers.create(config.ledger(), inputs.seeds())) {
            ScenarioRegistry.forParams(config.scenario()).runUnchecked(
                    new ScenarioContext(config, inputs.data(), inputs.seeds(), ledger, listener, null, deployment), config.scenario());
        }
        return new Measurement(config.participants(), perRound[0], (double) (memory[0] - heapBefore) / config.participants(),
                (double) (memory[1] - offHeapBefore) / config.participants(), (config.rounds() - 1) / seconds[0]);
    }

    private static void onRound(RoundMetrics metrics, int rounds, long[] memory, Stopwatch[] clock, double[] seconds, int[] perRound) {
        if (metrics.round() == 1) {
            fullGc();
            memory[0] = heapUsed();
            memory[1] = nativeBytes();
            perRound[0] = (int) Math.round(metrics.extra().get("participants"));
            clock[0] = Stopwatch.start();
        } else if (metrics.round() == rounds) {
            seconds[0] = clock[0].elapsedMillis() / 1000;
        }
    }

    /**
     * The process's resident set: ND4J's buffers are plain native allocations that neither JavaCPP's counter nor
     * ND4J's tracker see on CPU. Its growth is native memory only when the heap is fully resident from the start
     * ({@link #nativeMeasurable()}); otherwise the heap's own growth would be counted.
     */
    private static long nativeBytes() {
        return Pointer.physicalBytes();
    }

    /** {@code -Xms} equal to {@code -Xmx} and {@code -XX:+AlwaysPreTouch}: the heap is resident before anything is measured. */
    static boolean nativeMeasurable() {
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return flags.contains("-XX:+AlwaysPreTouch") && heap.getInit() == heap.getMax();
    }

    /** Twice, so that what the first collection's finalisers and cleaners released is gone too. */
    private static void fullGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Runs every size in this JVM, or with two node JVMs per size when {@code clustered}. */
    static List<Measurement> run(List<Integer> sizes, int rounds, double fraction, boolean clustered, Path workDir, PrintStream out) {
        List<Measurement> results = new ArrayList<>();
        // warm-up: class loading, JIT and ND4J's initialisation must not count against the smallest size
        measure(Configs.loader().parse("warm-up.yaml", configYaml(sizes.get(0), rounds, fraction), List.of()), Deployment.LOCAL);
        for (int n : sizes) {
            RunConfig config = Configs.loader().parse("scale-" + n + ".yaml", configYaml(n, rounds, fraction), List.of());
            Measurement m = clustered ? measureOnCluster(config, n, fraction, workDir) : measure(config, Deployment.LOCAL);
            out.printf(Locale.ROOT, "  %,d participants: %.1f kB heap and %.1f kB resident-set growth per participant, %.2f rounds/s%n",
                    n, m.heapBytes() / 1024, m.offHeapBytes() / 1024, m.roundsPerSecond());
            results.add(m);
        }
        return results;
    }

    private static Measurement measureOnCluster(RunConfig config, int n, double fraction, Path workDir) {
        List<Process> nodes = new ArrayList<>();
        try {
            Files.createDirectories(workDir);
            Path file = workDir.resolve("scale-" + n + ".yaml");
            Files.writeString(file, configYaml(n, config.rounds(), fraction));
            int[] ports = ChildJvm.freePorts(3);
            String seeds = "127.0.0.1:" + ports[0];
            for (int i = 1; i <= 2; i++) {
                nodes.add(ChildJvm.start(List.of("-Xmx3g"), List.of("node", "--config", file.toString(), "--port", String.valueOf(ports[i]),
                        "--seed-nodes", seeds), workDir.resolve("node" + i + "-" + n + ".log")));
            }
            ClusterSettings settings = new ClusterSettings("127.0.0.1", ports[0], List.of(seeds),
                    List.of(ClusterSettings.DRIVER_ROLE, ClusterSettings.PARTICIPANTS_ROLE));
            return measure(config, new ClusterDeployment(new ClusterOptions(settings, 3, Duration.ofSeconds(180),
                    config.runtime().onParticipantLoss(), MemberFingerprint.of(config))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            nodes.forEach(ChildJvm::kill);
        }
    }

    static void printTable(String title, List<Measurement> results, PrintStream out) {
        Measurement base = results.get(0);
        boolean nativeKnown = nativeMeasurable();
        out.println();
        out.println(title);
        out.println("| participants | per round | heap kB/participant | native kB/participant | rounds/s | updates/s | memory vs " + base.participants()
                + " | rounds/s vs " + base.participants() + " | updates/s vs " + base.participants() + " |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        for (Measurement m : results) {
            double updates = m.roundsPerSecond() * m.perRound();
            double baseUpdates = base.roundsPerSecond() * base.perRound();
            double memory = m.heapBytes() + (nativeKnown ? m.offHeapBytes() : 0);
            double baseMemory = base.heapBytes() + (nativeKnown ? base.offHeapBytes() : 0);
            out.printf(Locale.ROOT, "| %,d | %,d | %.1f | %s | %.2f | %.0f | %.2f | %.2f | %.2f |%n", m.participants(), m.perRound(),
                    m.heapBytes() / 1024, nativeKnown ? String.format(Locale.ROOT, "%.1f", m.offHeapBytes() / 1024) : "n/a", m.roundsPerSecond(),
                    updates, memory / baseMemory, m.roundsPerSecond() / base.roundsPerSecond(), updates / baseUpdates);
        }
        if (!nativeKnown) {
            out.println("native memory: n/a; run with CHAINFL_JAVA_OPTS='-Xms<heap> -XX:+AlwaysPreTouch' (and CHAINFL_HEAP=<heap>) to measure it");
        }
    }
}
