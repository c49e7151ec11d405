package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DeepChain on three JVMs on 127.0.0.1 against the same config in this JVM: parties and workers are sharded
 * entities, the contracts, ledger and coordinator stay on the driver. The config is the forfeits regression gate
 * (4 parties, one sending garbage and one silent, 4 workers, one wrong and one lazy), so every contract path
 * crosses the network; 256-bit keys keep the three key dealings (one per JVM) fast.
 */
class DeepChainClusterRunTest {
    private static final ClusterHarness CLUSTER = new ClusterHarness(CliHarness.configs().resolve("regression/deepchain-forfeits.yaml"));
    private static final List<String> SMALL = List.of("scenario.key_bits=256");

    private static List<String> with(String... more) {
        List<String> all = new ArrayList<>(SMALL);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    @Timeout(200)
    void threeJvmsGiveTheSameResultsAsOne(@TempDir Path dir) throws Exception {
        // the solo baseline trains on the driver in both runs and lands in events.csv
        List<String> overrides = with("rounds=2", "scenario.solo_baseline=true");
        Path one = CLUSTER.runHere(dir, overrides);
        Path three = CLUSTER.runOnThreeJvms(dir, overrides, 0, null);
        ClusterHarness.assertSameResults(one, three, "metrics.csv", "participants.csv", "events.csv", "summary.json");
        String events = Files.readString(three.resolve("events.csv"));
        assertTrue(events.contains("forfeit") && events.contains("solo_baseline"), events);
    }

    /**
     * Under reassign (the default) the killed node's parties and workers are asked again on a survivor for the step
     * they owed; their seed streams make the answers the same, so metrics and participants stay byte-identical and
     * events.csv differs only by the reassignment lines (which entities the node held is sharding's choice).
     */
    @Test
    @Timeout(240)
    void aNodeKilledMidRunHasItsPartiesAndWorkersReassignedAndTheRunCompletes(@TempDir Path dir) throws Exception {
        // enough rounds that the kill, after the first row, lands mid-run
        List<String> overrides = with("rounds=4");
        Path one = CLUSTER.runHere(dir, overrides);
        Path three = CLUSTER.runOnThreeJvms(dir, overrides, 1, Process::destroyForcibly);
        List<String> events = Files.readAllLines(three.resolve("events.csv"));
        List<String> reassigned = events.stream().filter(l -> l.contains("participant_reassigned") || l.contains("worker_reassigned")).toList();
        assertTrue(reassigned.size() >= 1, String.join("\n", events));
        assertTrue(reassigned.stream().allMatch(l -> l.contains("lost")), "names the lost member: " + reassigned);
        assertArrayEquals(Files.readAllBytes(one.resolve("metrics.csv")), Files.readAllBytes(three.resolve("metrics.csv")),
                "with reassign a lost member changes nothing but where parties and workers compute");
        assertArrayEquals(Files.readAllBytes(one.resolve("participants.csv")), Files.readAllBytes(three.resolve("participants.csv")));
        List<String> rest = events.stream().filter(l -> !reassigned.contains(l)).toList();
        assertEquals(Files.readAllLines(one.resolve("events.csv")), rest, "events.csv differs by more than the reassignments");
    }

    /**
     * Under drop the killed node's parties leave the run (forfeiting their deposit if they owed a transaction) and its
     * workers count as lazy; the run still completes. What changes depends on which entities the node held, so only
     * the completion and the logged losses are asserted.
     */
    @Test
    @Timeout(240)
    void underDropALostNodesEntitiesLeaveTheRunAndItCompletes(@TempDir Path dir) throws Exception {
        List<String> overrides = with("rounds=4", "runtime.on_participant_loss=drop");
        Path three = CLUSTER.runOnThreeJvms(dir, overrides, 1, Process::destroyForcibly);
        String events = Files.readString(three.resolve("events.csv"));
        assertTrue(events.contains("participant_dropped") || events.contains("worker_dropped"), events);
        assertEquals(1 + 4, Files.readAllLines(three.resolve("metrics.csv")).size(), "every round is reported");
        assertTrue(Files.exists(three.resolve("summary.json")));
    }
}
