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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three JVMs on 127.0.0.1: two {@code chainfl node} members and a {@code chainfl run --cluster} driver, all child
 * processes with the test class path, against the same config run in this JVM.
 */
class ClusterRunTest {
    private static final Path CONFIG = CliHarness.configs().resolve("cluster-small.yaml");
    /** Short enough for a test, long enough for JVMs that start on a loaded machine. */
    private static final List<String> JVM = List.of("-Xmx512m", "-Dpekko.cluster.split-brain-resolver.stable-after=2s");

    private static Path runHere(Path dir, String... overrides) {
        Path out = dir.resolve("one-jvm");
        List<String> args = new ArrayList<>(List.of("run", CONFIG.toString(), "--out", out.toString()));
        for (String o : overrides) {
            args.add("--set");
            args.add(o);
        }
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    /** Starts two nodes and the driver; {@code whileRunningWithNode} gets the first node once the driver has written a round. */
    private static Path runOnThreeJvms(Path dir, List<String> overrides, Consumer<Process> whileRunningWithNode) throws Exception {
        int[] ports = ChildJvm.freePorts(3);
        String seeds = "127.0.0.1:" + ports[0];
        List<String> sets = new ArrayList<>();
        overrides.forEach(o -> sets.addAll(List.of("--set", o)));
        List<Process> processes = new ArrayList<>();
        Path out = dir.resolve("three-jvms");
        try {
            for (int i = 1; i <= 2; i++) {
                List<String> args = new ArrayList<>(List.of("node", "--config", CONFIG.toString(), "--port", String.valueOf(ports[i]),
                        "--seed-nodes", seeds, "--threads", "1"));
                args.addAll(sets);
                processes.add(ChildJvm.start(JVM, args, dir.resolve("node" + i + ".log")));
            }
            List<String> args = new ArrayList<>(List.of("run", CONFIG.toString(), "--cluster", "--port", String.valueOf(ports[0]),
                    "--seed-nodes", seeds, "--members", "3", "--join-timeout", "40", "--out", out.toString()));
            args.addAll(sets);
            Process driver = ChildJvm.start(JVM, args, dir.resolve("driver.log"));
            processes.add(driver);
            if (whileRunningWithNode != null) {
                Path partial = out.resolve("metrics.csv.partial");
                while (driver.isAlive() && (!Files.exists(partial) || Files.readAllLines(partial).size() < 2)) {
                    Thread.sleep(20);
                }
                whileRunningWithNode.accept(processes.get(0));
            }
            boolean finished = driver.waitFor(90, TimeUnit.SECONDS);
            assertTrue(finished, () -> "the driver did not finish\n" + logs(dir));
            assertEquals(0, driver.exitValue(), () -> logs(dir));
            return out;
        } finally {
            processes.forEach(ChildJvm::kill);
        }
    }

    private static String logs(Path dir) {
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

    @Test
    @Timeout(150)
    void threeJvmsGiveTheSameResultsAsOne(@TempDir Path dir) throws Exception {
        Path one = runHere(dir);
        Path three = runOnThreeJvms(dir, List.of(), null);
        for (String file : new String[] {"metrics.csv", "participants.csv", "events.csv"}) {
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(three.resolve(file)), file + " differs between 1 and 3 JVMs");
        }
        String driverLog = Files.readString(dir.resolve("driver.log"));
        assertTrue(driverLog.contains("accuracy"), driverLog);
    }

    /** FLTrust holds a root set out of the pool before partitioning: every node must hold out the same one, or participants train on other data. */
    @Test
    @Timeout(150)
    void fltrustOnThreeJvmsGivesTheSameResultsAsOne(@TempDir Path dir) throws Exception {
        List<String> overrides = List.of("scenario.aggregator.type=fltrust", "scenario.aggregator.root_samples=100", "rounds=2");
        Path one = runHere(dir, overrides.toArray(String[]::new));
        Path three = runOnThreeJvms(dir, overrides, null);
        for (String file : new String[] {"metrics.csv", "participants.csv", "events.csv"}) {
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(three.resolve(file)), file + " differs between 1 and 3 JVMs");
        }
    }

    @Test
    @Timeout(180)
    void aNodeKilledMidRunHasItsParticipantsReassignedAndTheRunCompletes(@TempDir Path dir) throws Exception {
        // enough rounds that the kill lands mid-run; reassign is the default policy
        List<String> overrides = List.of("rounds=150");
        Path one = runHere(dir, overrides.toArray(String[]::new));
        Path three = runOnThreeJvms(dir, overrides, Process::destroyForcibly);
        String events = Files.readString(three.resolve("events.csv"));
        assertTrue(events.contains("participant_reassigned"), events);
        // participant 1 was placed on a node (hosts sorted: the driver first), so whichever node died, some participant moved
        assertTrue(events.lines().filter(l -> l.contains("participant_reassigned")).count() >= 4, events);
        // FedAvg participants hold no state between rounds: re-created elsewhere they compute the same updates
        assertArrayEquals(Files.readAllBytes(one.resolve("metrics.csv")), Files.readAllBytes(three.resolve("metrics.csv")),
                "with reassign a lost member changes nothing but where participants train");
        assertTrue(Files.exists(three.resolve("summary.json")));
    }
}
