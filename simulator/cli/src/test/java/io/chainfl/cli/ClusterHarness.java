package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a config in this JVM and on three JVMs on 127.0.0.1 (two {@code chainfl node} members and a
 * {@code chainfl run --cluster} driver, child processes with the test class path), for the cluster tests of
 * every study.
 */
final class ClusterHarness {
    /** Short enough for a test, long enough for JVMs that start on a loaded machine. */
    static final List<String> JVM = List.of("-Xmx512m", "-Dpekko.cluster.split-brain-resolver.stable-after=2s");
    static final String[] RESULT_FILES = {"metrics.csv", "participants.csv", "events.csv"};

    /** Extra JVM options and environment of one member, to make it look like another machine (a forced kernel). */
    record Machine(List<String> jvmOptions, java.util.Map<String, String> environment) {
        static final Machine SAME = new Machine(List.of(), java.util.Map.of());
    }

    private final Path config;
    private final List<String> jvmOptions;
    /** node1, node2, driver; all alike unless {@link #onMachines} says otherwise. */
    private List<Machine> machines = List.of(Machine.SAME, Machine.SAME, Machine.SAME);

    ClusterHarness(Path config) {
        this(config, JVM);
    }

    ClusterHarness(Path config, List<String> jvmOptions) {
        this.config = config;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Runs node1, node2 and the driver as if on these three machines. */
    ClusterHarness onMachines(Machine node1, Machine node2, Machine driver) {
        machines = List.of(node1, node2, driver);
        return this;
    }

    private List<String> options(int member) {
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(machines.get(member).jvmOptions());
        return options;
    }

    Path runHere(Path dir, List<String> overrides) {
        Path out = dir.resolve("one-jvm");
        List<String> args = new ArrayList<>(List.of("run", config.toString(), "--out", out.toString()));
        for (String o : overrides) {
            args.add("--set");
            args.add(o);
        }
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    /**
     * Starts two nodes and the driver; {@code whileRunningWithNode} gets the first node once the driver has written
     * {@code afterRows} rows of metrics.
     */
    Path runOnThreeJvms(Path dir, List<String> overrides, int afterRows, Consumer<Process> whileRunningWithNode) throws Exception {
        int[] ports = ChildJvm.freePorts(3);
        String seeds = "127.0.0.1:" + ports[0];
        List<String> sets = new ArrayList<>();
        overrides.forEach(o -> sets.addAll(List.of("--set", o)));
        List<Process> processes = new ArrayList<>();
        Path out = dir.resolve("three-jvms");
        try {
            for (int i = 1; i <= 2; i++) {
                List<String> args = new ArrayList<>(List.of("node", "--config", config.toString(), "--port", String.valueOf(ports[i]),
                        "--seed-nodes", seeds, "--threads", "1"));
                args.addAll(sets);
                processes.add(ChildJvm.start(options(i - 1), machines.get(i - 1).environment(), args, dir.resolve("node" + i + ".log")));
            }
            List<String> args = new ArrayList<>(List.of("run", config.toString(), "--cluster", "--port", String.valueOf(ports[0]),
                    "--seed-nodes", seeds, "--members", "3", "--join-timeout", "60", "--out", out.toString()));
            args.addAll(sets);
            Process driver = ChildJvm.start(options(2), machines.get(2).environment(), args, dir.resolve("driver.log"));
            processes.add(driver);
            if (whileRunningWithNode != null) {
                Path partial = out.resolve("metrics.csv.partial");
                while (driver.isAlive() && (!Files.exists(partial) || Files.readAllLines(partial).size() < 1 + afterRows)) {
                    Thread.sleep(20);
                }
                whileRunningWithNode.accept(processes.get(0));
            }
            boolean finished = driver.waitFor(150, TimeUnit.SECONDS);
            assertTrue(finished, () -> "the driver did not finish\n" + logs(dir));
            assertEquals(0, driver.exitValue(), () -> logs(dir));
            return out;
        } finally {
            processes.forEach(ChildJvm::kill);
        }
    }

    static void assertSameResults(Path one, Path three, String... files) throws java.io.IOException {
        for (String file : files.length == 0 ? RESULT_FILES : files) {
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(three.resolve(file)), file + " differs between 1 and 3 JVMs");
        }
    }

    static String logs(Path dir) {
        StringBuilder all = new StringBuilder();
        for (String name : new String[] {"driver.log", "node1.log", "node2.log"}) {
            try {
                all.append("== ").append(name).append('\n').append(Files.readString(dir.resolve(name)));
            } catch (java.io.IOException e) {
                all.append("(").append(e).append(")\n");
            }
        }
        return all.toString();
    }
}
