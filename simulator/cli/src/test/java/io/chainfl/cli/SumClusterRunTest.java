package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SUM on three JVMs on 127.0.0.1 against the same config in this JVM: the five agents of sum-gamification are
 * Cluster Sharding entities spread over the members, the model, contract and books stay on the driver.
 */
class SumClusterRunTest {
    private static final Path CONFIG = CliHarness.configs().resolve("sum-gamification.yaml");
    /**
     * Four days: the kill lands after day 1 and every agent still has turns to take after it. A 4,000-digit pool and
     * 5 initial epochs (instead of 100) keep the driver's initial training short.
     */
    private static final List<String> SMALL = List.of("scenario.days=4", "data.limit=4000", "scenario.initial_epochs=5", "output.charts=false");
    /** SUM's driver holds the digits, their binary task and the hosted model. */
    private static final List<String> JVM = List.of("-Xmx1g", "-Dpekko.cluster.split-brain-resolver.stable-after=2s");

    @TempDir
    static Path shared;
    /** The one-JVM run every test compares with (the same overrides everywhere, so it runs once). */
    private static Path oneJvm;

    @BeforeAll
    static void runInThisJvm() {
        oneJvm = new ClusterHarness(CONFIG, JVM).runHere(shared, SMALL);
    }

    /**
     * Agents passivated as soon as they idle (5 ms: a virtual day takes well under a second) are rebuilt from their recipe at their next turn: their draws
     * travel in the messages, so results do not change.
     */
    @Test
    @Timeout(200)
    void threeJvmsWithPassivatedAgentsGiveTheSameResultsAsOne(@TempDir Path dir) throws Exception {
        List<String> jvm = new ArrayList<>(JVM);
        jvm.add("-Dpekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout=5ms");
        Path three = new ClusterHarness(CONFIG, jvm).runOnThreeJvms(dir, SMALL, 0, null);
        // summary.json holds results only (final metrics, ledger totals, file names), no wall-clock time
        ClusterHarness.assertSameResults(oneJvm, three, "metrics.csv", "participants.csv", "events.csv", "summary.json");
        Matcher starts = Pattern.compile("5 entities started (\\d+) times").matcher(Files.readString(dir.resolve("driver.log")));
        assertTrue(starts.find(), ClusterHarness.logs(dir));
        assertTrue(Integer.parseInt(starts.group(1)) > 5, "no agent was passivated and started again: " + starts.group());
    }

    /** Under the default policy (reassign) sharding re-creates the lost agents on a survivor and nothing else changes. */
    @Test
    @Timeout(240)
    void aNodeKilledMidRunHasItsAgentsReassignedAndNothingElseChanges(@TempDir Path dir) throws Exception {
        Path three = new ClusterHarness(CONFIG, JVM).runOnThreeJvms(dir, SMALL, 2, Process::destroyForcibly);
        List<String> events = Files.readAllLines(three.resolve("events.csv"));
        List<String> reassigned = events.stream().filter(l -> l.contains(",agent_reassigned,")).toList();
        // sharding spreads the five agents' shards over the three members, so the killed node held some
        assertTrue(!reassigned.isEmpty(), () -> String.join("\n", events) + ClusterHarness.logs(dir));
        // the days and the decisions are the same; only the reassignment events (which agents, which member) are new
        ClusterHarness.assertSameResults(oneJvm, three, "metrics.csv", "participants.csv", "summary.json");
        List<String> withoutLoss = new ArrayList<>(events);
        withoutLoss.removeAll(reassigned);
        assertEquals(Files.readAllLines(oneJvm.resolve("events.csv")), withoutLoss);
    }

    /** Under on_participant_loss: drop the lost agents act no more: the days before the loss are the same, the rest may differ. */
    @Test
    @Timeout(240)
    void aNodeKilledMidRunHasItsAgentsDroppedUnderDrop(@TempDir Path dir) throws Exception {
        List<String> overrides = new ArrayList<>(SMALL);
        overrides.add("runtime.on_participant_loss=drop");
        Path three = new ClusterHarness(CONFIG, JVM).runOnThreeJvms(dir, overrides, 2, Process::destroyForcibly);
        String events = Files.readString(three.resolve("events.csv"));
        assertTrue(events.contains(",agent_dropped,"), () -> events + ClusterHarness.logs(dir));
        assertTrue(!events.contains(",agent_reassigned,"), events);
        List<String> metrics = Files.readAllLines(three.resolve("metrics.csv"));
        assertEquals(Files.readAllLines(oneJvm.resolve("metrics.csv")).subList(0, 3), metrics.subList(0, 3),
                "the header, day 0 and day 1 were written before the node was killed");
        assertEquals(6, metrics.size(), "the run still reports every day");
    }
}
