package io.chainfl.scenarios.sum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainfl.engine.seed.SeedStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SUM building blocks: the virtual-time queue, the deposit formula and the bag-of-words featurizer. */
class SumPartsTest {

    @Test
    void tasksRunInTimeThenSchedulingOrder() {
        VirtualClock clock = new VirtualClock();
        List<String> ran = new ArrayList<>();
        clock.schedule(20, () -> ran.add("b@20"));
        clock.schedule(10, () -> ran.add("a@10"));
        clock.schedule(20, () -> {
            ran.add("c@20");
            clock.schedule(20, () -> ran.add("d@20 (scheduled while running)"));
        });
        clock.schedule(31, () -> ran.add("late"));
        clock.runUntil(30, () -> {});
        assertEquals(List.of("a@10", "b@20", "c@20", "d@20 (scheduled while running)"), ran);
        assertEquals(30, clock.nowMillis());
    }

    /** A queue saved as data mid-run and rebuilt in a fresh clock runs the rest exactly as the original does, ties included. */
    @Test
    void aQueueRebuiltFromItsPendingTasksRunsTheSameRest() {
        List<String> original = new ArrayList<>();
        VirtualClock clock = taggedQueue(original);
        clock.runUntil(25, () -> {});
        List<VirtualClock.Pending> pending = clock.pending();
        assertEquals(List.of(30L, 30L, 40L), pending.stream().map(VirtualClock.Pending::timeMillis).toList());

        List<String> rebuilt = new ArrayList<>();
        VirtualClock fresh = new VirtualClock();
        fresh.restore(clock.nowMillis(), clock.sequence(), pending, tag -> rescheduling(fresh, tag, rebuilt));
        clock.runUntil(100, () -> {});
        fresh.runUntil(100, () -> {});
        assertEquals(original.subList(original.indexOf("1@20") + 1, original.size()), rebuilt);
        assertEquals(List.of("0@10", "1@20", "2@30", "1@30", "0@40", "1@40", "2@60", "0@70", "1@70"), original, "ties run in scheduling order");
    }

    /** Agents 0 and 1 act first at 10 and 20, agent 2 at 30 but scheduled before agent 1, so the ties at 30 and 70 test the order. */
    private static VirtualClock taggedQueue(List<String> ran) {
        VirtualClock clock = new VirtualClock();
        for (int agent : new int[] {0, 2, 1}) {
            VirtualClock.Tag tag = new VirtualClock.Tag(VirtualClock.Kind.ACT, agent);
            clock.schedule(agent == 2 ? 30 : 10 * (agent + 1), tag, rescheduling(clock, tag, ran));
        }
        return clock;
    }

    private static Runnable rescheduling(VirtualClock clock, VirtualClock.Tag tag, List<String> ran) {
        return () -> {
            ran.add(tag.subject() + "@" + clock.nowMillis());
            long wait = tag.subject() == 1 && clock.nowMillis() < 40 ? 10 : 30;
            if (clock.nowMillis() + wait <= 70) {
                clock.schedule(clock.nowMillis() + wait, tag, rescheduling(clock, tag, ran));
            }
        };
    }

    @Test
    void depositFollowsTheReferenceFormula() {
        IncentiveParams.Deposit reference = new IncentiveParams.Deposit(null, null, null, null);
        // max(1, floor(60 / floor(sqrt(dt_s)))) with the last update at 0
        assertEquals(-1, DepositRefundTake.cost(reference, 999), "no whole second since the last update: rejected");
        assertEquals(60, DepositRefundTake.cost(reference, 1_000));
        assertEquals(60, DepositRefundTake.cost(reference, 3_000), "floor(sqrt(3)) = 1");
        assertEquals(2, DepositRefundTake.cost(reference, 600_000), "10 minutes: floor(60 / 24)");
        assertEquals(1, DepositRefundTake.cost(reference, 3_600_000), "an hour: floor(60 / 60)");
        assertEquals(1, DepositRefundTake.cost(reference, 86_400_000), "never below min_cost");
    }

    @Test
    void bagOfWordsKeepsTheTopKWordsOfTheTrainingPart(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("reviews.csv");
        StringBuilder text = new StringBuilder("text,label\n");
        for (int i = 0; i < 20; i++) {
            text.append(i % 2 == 0 ? "\"Great movie, \"\"great\"\" acting\",pos\n" : "Awful plot and awful acting,neg\n");
        }
        Files.writeString(csv, text);
        SumTaskParams task = new SumTaskParams(SumTaskParams.Type.CSV_TEXT, null, null, csv.toString(), null, null, 3, 0.25);
        BagOfWords.Split split = BagOfWords.load(task, new SeedStreams(1).stream("split"));
        assertEquals(15, split.train().size());
        assertEquals(5, split.test().size());
        assertEquals(3, split.vocabulary().size());
        assertEquals("acting", split.vocabulary().get(0), "in every document");
        for (int i = 0; i < split.train().size(); i++) {
            float[] x = SumData.row(split.train(), i);
            assertEquals(1f, x[0], "everyone mentions acting");
        }
        assertEquals(List.of("text", "label"), BagOfWords.readCsv(csv).get(0));
        assertEquals("Great movie, \"great\" acting", BagOfWords.readCsv(csv).get(1).get(0));
    }

    @Test
    void digitsBecomeABinaryTask() {
        io.chainfl.engine.data.Dataset digits = new io.chainfl.engine.data.Dataset("d", new float[] {0, 1, 2, 3, 4}, new int[] {0, 1, 2, 3, 4}, 1, 5, null);
        SumTaskParams task = new SumTaskParams(null, List.of(1, 3), List.of(0), null, null, null, null, null);
        io.chainfl.engine.data.Dataset binary = SumData.binary(digits, task);
        assertArrayEquals(new int[] {0, 1, 1}, binary.labels());
        assertArrayEquals(new float[] {0, 1, 3}, binary.features());
    }
}
