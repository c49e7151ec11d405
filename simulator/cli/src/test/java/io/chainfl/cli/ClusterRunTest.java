package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** FedAvg on three JVMs on 127.0.0.1 against the same config run in this JVM. */
class ClusterRunTest {
    private static final ClusterHarness CLUSTER = new ClusterHarness(CliHarness.configs().resolve("cluster-small.yaml"));

    @Test
    @Timeout(200)
    void threeJvmsOnDifferentKernelsGiveTheSameResultsAsOne(@TempDir Path dir) throws Exception {
        // members that look like three machines: SSE only with an old OpenBLAS kernel forced, our kernels' scalar path, this CPU
        ClusterHarness cluster = new ClusterHarness(CliHarness.configs().resolve("cluster-small.yaml")).onMachines(
                new ClusterHarness.Machine(List.of("-XX:UseAVX=0"), java.util.Map.of("OPENBLAS_CORETYPE", "Prescott")),
                new ClusterHarness.Machine(List.of("-Dchainfl.kernels=scalar"), java.util.Map.of("OPENBLAS_CORETYPE", "Nehalem")),
                ClusterHarness.Machine.SAME);
        Path one = cluster.runHere(dir, List.of());
        Path three = cluster.runOnThreeJvms(dir, List.of(), 0, null);
        ClusterHarness.assertSameResults(one, three);
        String driverLog = Files.readString(dir.resolve("driver.log"));
        assertTrue(driverLog.contains("accuracy"), driverLog);
    }

    /**
     * Entities passivated as soon as they idle (50 ms) are rebuilt from their recipes when next addressed: results
     * do not change, so idle entities can cost nothing.
     */
    @Test
    @Timeout(200)
    void passivatedParticipantsGiveTheSameResults(@TempDir Path dir) throws Exception {
        List<String> overrides = List.of("rounds=4");
        Path one = CLUSTER.runHere(dir, overrides);
        List<String> jvm = new java.util.ArrayList<>(ClusterHarness.JVM);
        jvm.add("-Dpekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout=50ms");
        Path three = new ClusterHarness(CliHarness.configs().resolve("cluster-small.yaml"), jvm).runOnThreeJvms(dir, overrides, 0, null);
        ClusterHarness.assertSameResults(one, three);
        // 12 participants, about half asked per round: some idled past 50 ms and were started again
        java.util.regex.Matcher starts = java.util.regex.Pattern.compile("12 entities started (\\d+) times").matcher(Files.readString(dir.resolve("driver.log")));
        assertTrue(starts.find(), ClusterHarness.logs(dir));
        assertTrue(Integer.parseInt(starts.group(1)) > 12, "no entity was passivated and started again: " + starts.group());
    }

    /** FLTrust holds a root set out of the pool before partitioning: every node must hold out the same one, or participants train on other data. */
    @Test
    @Timeout(200)
    void fltrustOnThreeJvmsGivesTheSameResultsAsOne(@TempDir Path dir) throws Exception {
        List<String> overrides = List.of("scenario.aggregator.type=fltrust", "scenario.aggregator.root_samples=100", "rounds=2");
        Path one = CLUSTER.runHere(dir, overrides);
        Path three = CLUSTER.runOnThreeJvms(dir, overrides, 0, null);
        ClusterHarness.assertSameResults(one, three);
    }

    @Test
    @Timeout(240)
    void aNodeKilledMidRunHasItsParticipantsReassignedAndTheRunCompletes(@TempDir Path dir) throws Exception {
        // enough rounds that the kill lands mid-run; reassign is the default policy
        List<String> overrides = List.of("rounds=150");
        Path one = CLUSTER.runHere(dir, overrides);
        Path three = CLUSTER.runOnThreeJvms(dir, overrides, 1, Process::destroyForcibly);
        String events = Files.readString(three.resolve("events.csv"));
        assertTrue(events.contains("participant_reassigned"), events);
        // sharding spreads the shards over the three members, so the lost node held some participants
        assertTrue(events.lines().filter(l -> l.contains("participant_reassigned")).count() >= 2, events);
        // FedAvg participants hold no state between rounds: re-created elsewhere they compute the same updates
        assertArrayEquals(Files.readAllBytes(one.resolve("metrics.csv")), Files.readAllBytes(three.resolve("metrics.csv")),
                "with reassign a lost member changes nothing but where participants train");
        assertTrue(Files.exists(three.resolve("summary.json")));
    }
}
