package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SecCL on three JVMs on 127.0.0.1 against the same config run in this JVM: the participants, which train and score
 * each other's uploads against the bulletin board, live on every member; the server, the ledger service and the
 * crafting coalition's memory stay on the driver. configs/cluster-seccl.yaml has an ALIE coalition and a tampering
 * server, so the relays the participants check on other members are not all genuine.
 */
class SecclClusterRunTest {
    private static final ClusterHarness CLUSTER = new ClusterHarness(CliHarness.configs().resolve("cluster-seccl.yaml"));
    /** summary.json holds results only (no wall-clock time), so it must match too. */
    private static final String[] RESULTS = {"metrics.csv", "participants.csv", "events.csv", "summary.json"};

    @TempDir
    static Path oneJvmDir;
    private static Path oneJvm;

    @BeforeAll
    static void runInOneJvm() {
        oneJvm = CLUSTER.runHere(oneJvmDir, List.of());
    }

    @Test
    @Timeout(200)
    void threeJvmsGiveTheSameResultsAsOne(@TempDir Path dir) throws Exception {
        Path three = CLUSTER.runOnThreeJvms(dir, List.of(), 0, null);
        ClusterHarness.assertSameResults(oneJvm, three, RESULTS);
        assertTrue(Files.readString(three.resolve("events.csv")).contains("server_misbehaviour_detected"), "the board checks ran and found the tampering");
    }

    /**
     * Participants passivated as soon as they idle (50 ms), between training and scoring and between rounds, are rebuilt
     * from their recipe when next addressed; one waiting for the ledger's answer finishes its ballot first (the stop
     * message). Results do not change.
     */
    @Test
    @Timeout(200)
    void passivatedParticipantsGiveTheSameResults(@TempDir Path dir) throws Exception {
        List<String> jvm = new java.util.ArrayList<>(ClusterHarness.JVM);
        jvm.add("-Dpekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout=50ms");
        Path three = new ClusterHarness(CliHarness.configs().resolve("cluster-seccl.yaml"), jvm).runOnThreeJvms(dir, List.of(), 0, null);
        ClusterHarness.assertSameResults(oneJvm, three, RESULTS);
        java.util.regex.Matcher starts = java.util.regex.Pattern.compile("10 entities started (\\d+) times").matcher(Files.readString(dir.resolve("driver.log")));
        assertTrue(starts.find(), ClusterHarness.logs(dir));
        assertTrue(Integer.parseInt(starts.group(1)) > 10, "no participant was passivated and started again: " + starts.group());
    }

    @Test
    @Timeout(240)
    void aNodeKilledMidRunHasItsParticipantsReassignedAndTheRunCompletes(@TempDir Path dir) throws Exception {
        // reassign is the default policy; the kill lands after round 1, so round 2 waits for the lost participants' copies
        Path three = CLUSTER.runOnThreeJvms(dir, List.of(), 1, Process::destroyForcibly);
        List<String> events = Files.readAllLines(three.resolve("events.csv"));
        List<String> reassigned = events.stream().filter(l -> l.contains(",participant_reassigned,")).toList();
        assertTrue(!reassigned.isEmpty(), () -> "the killed node hosted no participant?\n" + String.join("\n", events));
        // participants keep nothing between messages, so copies rebuilt on a survivor upload and score the same; only the
        // loss events are new, and the round they name depends on when the member was declared lost
        ClusterHarness.assertSameResults(oneJvm, three, "metrics.csv", "participants.csv", "summary.json");
        assertEquals(Files.readAllLines(oneJvm.resolve("events.csv")), events.stream().filter(l -> !reassigned.contains(l)).toList());
        assertTrue(reassigned.get(0).contains("re-created by Cluster Sharding on a surviving member"), reassigned.get(0));
    }

    @Test
    @Timeout(240)
    void underTheDropPolicyALostNodesParticipantsLeaveTheRunAndItCompletes(@TempDir Path dir) throws Exception {
        Path three = CLUSTER.runOnThreeJvms(dir, List.of("runtime.on_participant_loss=drop"), 1, Process::destroyForcibly);
        List<String> events = Files.readAllLines(three.resolve("events.csv"));
        List<String> dropped = events.stream().filter(l -> l.contains(",participant_dropped,")).toList();
        assertTrue(!dropped.isEmpty(), () -> String.join("\n", events));
        assertTrue(dropped.get(0).contains("dropped"), dropped.get(0));
        List<String> metrics = Files.readAllLines(three.resolve("metrics.csv"));
        assertEquals(1 + 3, metrics.size(), "every round reported");
        // round 1 ran before the kill; afterwards fewer participants upload and vote, so later rounds may differ
        assertEquals(Files.readAllLines(oneJvm.resolve("metrics.csv")).subList(0, 2), metrics.subList(0, 2));
        String[] lastRound = metrics.get(3).split(",");
        String[] lastRoundHere = Files.readAllLines(oneJvm.resolve("metrics.csv")).get(3).split(",");
        int txs = List.of(metrics.get(0).split(",")).indexOf("ledger_txs");
        assertTrue(Double.parseDouble(lastRound[txs]) < Double.parseDouble(lastRoundHere[txs]),
                "the dropped participants post nothing in round 3: " + metrics.get(3));
    }
}
