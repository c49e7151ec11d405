package io.chainfl.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.checkpoint.Snapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run's clock, on hand-worked cases: order, ties, refusals, and a save/restore mid-run that continues identically. */
class VirtualClockTest {
    private static final String ACT = "test/act";

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
        assertEquals(30, clock.nowMillis(), "runUntil moves time to its end even when no task is due there");
        assertTrue(clock.runNext());
        assertEquals(List.of("a@10", "b@20", "c@20", "d@20 (scheduled while running)", "late"), ran);
        assertEquals(31, clock.nowMillis());
        assertFalse(clock.runNext(), "nothing left");
    }

    @Test
    void schedulingOrAdvancingIntoThePastIsRefused() {
        VirtualClock clock = new VirtualClock();
        clock.schedule(50, () -> {});
        clock.runUntil(50, () -> {});
        assertThrows(IllegalArgumentException.class, () -> clock.schedule(49, () -> {}));
        assertThrows(IllegalArgumentException.class, () -> clock.advanceTo(49));
        clock.schedule(50, () -> {}); // now itself is not the past
        assertThrows(IllegalStateException.class, () -> clock.advanceTo(51), "advancing would skip the task due at 50");
        clock.runNext();
        clock.advanceTo(80);
        assertEquals(80, clock.nowMillis());
    }

    @Test
    void anUntaggedPendingTaskRefusesToBeSaved() {
        VirtualClock clock = new VirtualClock();
        clock.schedule(10, new VirtualClock.Tag(ACT, 0), () -> {});
        clock.schedule(20, () -> {});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> clock.save(Snapshot.builder()));
        assertTrue(e.getMessage().contains("no tag"), e.getMessage());
        clock.runUntil(20, () -> {});
        clock.save(Snapshot.builder()); // once it ran, nothing untagged is pending
    }

    /** A queue saved mid-run and rebuilt in a fresh clock runs the rest exactly as the original does, ties included. */
    @Test
    void aClockSavedMidRunAndRestoredContinuesIdentically() {
        List<String> original = new ArrayList<>();
        VirtualClock clock = taggedQueue(original);
        clock.runUntil(25, () -> {});
        assertEquals(List.of(30L, 30L, 40L), clock.pending().stream().map(VirtualClock.Pending::timeMillis).toList());
        Snapshot.Builder out = Snapshot.builder();
        clock.save(out);
        Snapshot saved = out.build();

        List<String> rebuilt = new ArrayList<>();
        VirtualClock fresh = new VirtualClock();
        fresh.restore(saved);
        assertEquals(25, fresh.nowMillis());
        assertEquals(clock.sequence(), fresh.sequence());
        assertEquals(clock.pending(), fresh.pending(), "same times, sequence numbers and tags");
        assertThrows(IllegalStateException.class, fresh::runNext, "restored tasks have no action until bound");
        fresh.bindRestored(tag -> rescheduling(fresh, tag, rebuilt));

        clock.runUntil(100, () -> {});
        fresh.runUntil(100, () -> {});
        assertEquals(original.subList(original.indexOf("1@20") + 1, original.size()), rebuilt);
        assertEquals(List.of("0@10", "1@20", "2@30", "1@30", "0@40", "1@40", "2@60", "0@70", "1@70"), original, "ties run in scheduling order");
        assertEquals(clock.nowMillis(), fresh.nowMillis());
        assertEquals(clock.sequence(), fresh.sequence());
    }

    @Test
    void cancelDropsOnlyTheTasksItMatches() {
        VirtualClock clock = new VirtualClock();
        List<String> ran = new ArrayList<>();
        clock.schedule(10, new VirtualClock.Tag(ACT, 1), () -> ran.add("act"));
        clock.schedule(10, new VirtualClock.Tag("test/day", 1), () -> ran.add("day"));
        assertEquals(1, clock.cancel(tag -> tag.kind().equals(ACT)));
        clock.runUntil(10, () -> {});
        assertEquals(List.of("day"), ran);
    }

    @Test
    void aSnapshotWithoutTheClockIsAnInternalError() {
        assertThrows(IllegalStateException.class, () -> new VirtualClock().restore(Snapshot.empty()));
    }

    /** Agents 0 and 1 act first at 10 and 20, agent 2 at 30 but scheduled before agent 1, so the ties at 30 and 70 test the order. */
    private static VirtualClock taggedQueue(List<String> ran) {
        VirtualClock clock = new VirtualClock();
        for (int agent : new int[] {0, 2, 1}) {
            VirtualClock.Tag tag = new VirtualClock.Tag(ACT, agent);
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
}
