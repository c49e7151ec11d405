package io.chainfl.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.engine.kernel.VirtualClock;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Rounds as events on the run's clock: each round lasts the ledger time it spent, the next round is pending on
 * the clock when the checkpoint is taken, and a clock restored from that checkpoint ends where the uninterrupted
 * one did. The server is a real actor that "posts" round x 100 virtual ms to a ledger clock and reports.
 */
class RoundDriverTest {
    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final int ROUNDS = 4;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private record RunRound(int round, List<Integer> selected, ActorRef<RoundDone> replyTo) {}

    /** Round r spends r x 100 ms of ledger time. */
    private static Behavior<RunRound> server(AtomicLong ledgerMillis) {
        return Behaviors.receiveMessage(run -> {
            ledgerMillis.addAndGet(100L * run.round());
            run.replyTo().tell(new RoundDone(new RoundMetrics("toy", run.round(), 0.5, 1.0, 0.5, 1.0), List.of(), List.of(), List.of(), 0, 100L * run.round()));
            return Behaviors.same();
        });
    }

    /** What the clock looked like when a round's checkpoint was taken. */
    private record AtCheckpoint(int round, long nowMillis, List<VirtualClock.Pending> pending) {}

    private static CompletableFuture<Void> drive(VirtualClock clock, AtomicLong ledgerMillis, int firstRound, List<Integer> reported,
                                                 List<AtCheckpoint> checkpoints, java.util.function.IntConsumer alsoAfterRound) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        RunListener listener = metrics -> reported.add(metrics.round());
        ActorRef<RunRound> server = testKit.spawn(server(ledgerMillis));
        testKit.spawn(RoundDriver.create(server, RunRound::new, firstRound, ROUNDS, round -> List.of(0), listener, round -> {
            checkpoints.add(new AtCheckpoint(round, clock.nowMillis(), clock.pending()));
            alsoAfterRound.accept(round);
        }, done, new RoundDriver.Timeline(clock))).tell(new RoundDriver.Start());
        return done;
    }

    @Test
    void eachRoundEndsAfterTheLedgerTimeItSpentWithTheNextRoundPending() throws Exception {
        VirtualClock clock = new VirtualClock();
        clock.advanceTo(5_000); // whatever ran before on the run's clock
        List<Integer> reported = Collections.synchronizedList(new ArrayList<>());
        List<AtCheckpoint> checkpoints = Collections.synchronizedList(new ArrayList<>());
        drive(clock, new AtomicLong(), 1, reported, checkpoints, round -> {}).get(10, TimeUnit.SECONDS);

        assertEquals(List.of(1, 2, 3, 4), reported);
        assertEquals(List.of(5_100L, 5_300L, 5_600L, 6_000L), checkpoints.stream().map(AtCheckpoint::nowMillis).toList());
        for (AtCheckpoint c : checkpoints.subList(0, ROUNDS - 1)) {
            assertEquals(List.of(new VirtualClock.Tag(RoundDriver.ROUND, c.round() + 1)), c.pending().stream().map(VirtualClock.Pending::tag).toList());
            assertEquals(c.nowMillis(), c.pending().get(0).timeMillis(), "the next round starts when this one ends");
        }
        assertEquals(List.of(), checkpoints.get(ROUNDS - 1).pending(), "after the last round nothing is left");
        assertEquals(6_000, clock.nowMillis());
    }

    @Test
    void aClockRestoredFromARoundsCheckpointEndsWhereTheUninterruptedOneDid() throws Exception {
        VirtualClock uninterrupted = new VirtualClock();
        drive(uninterrupted, new AtomicLong(), 1, new ArrayList<>(), new ArrayList<>(), round -> {}).get(10, TimeUnit.SECONDS);

        // a run that saves its clock at round 2's checkpoint and stops there
        VirtualClock first = new VirtualClock();
        AtomicLong ledger = new AtomicLong();
        Snapshot.Builder saved = Snapshot.builder();
        CompletableFuture<Void> stopped = drive(first, ledger, 1, new ArrayList<>(), new ArrayList<>(), round -> {
            if (round == 2) {
                first.save(saved);
                throw new IllegalStateException("stop after round 2");
            }
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> stopped.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());

        // the resumed run: the ledger as replayed (its time at the checkpoint), the clock as saved
        VirtualClock resumed = new VirtualClock();
        resumed.restore(saved.build());
        List<Integer> reported = Collections.synchronizedList(new ArrayList<>());
        drive(resumed, new AtomicLong(ledger.get()), 3, reported, new ArrayList<>(), round -> {}).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(3, 4), reported);
        assertEquals(uninterrupted.nowMillis(), resumed.nowMillis());
        assertEquals(uninterrupted.sequence(), resumed.sequence());
        assertEquals(1_000, resumed.nowMillis());
    }

    @Test
    void aRestoredClockThatHoldsAnotherRoundIsRefused() throws Exception {
        VirtualClock clock = new VirtualClock();
        clock.schedule(0, new VirtualClock.Tag(RoundDriver.ROUND, 2), () -> {});
        Snapshot.Builder out = Snapshot.builder();
        clock.save(out);
        VirtualClock restored = new VirtualClock();
        restored.restore(out.build());
        CompletableFuture<Void> done = drive(restored, new AtomicLong(), 3, new ArrayList<>(), new ArrayList<>(), round -> {});
        ExecutionException e = assertThrows(ExecutionException.class, () -> done.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }
}
