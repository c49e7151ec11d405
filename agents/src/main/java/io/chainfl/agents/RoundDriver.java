package io.chainfl.agents;

import io.chainfl.engine.kernel.VirtualClock;
import io.chainfl.engine.kernel.VirtualTime;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs rounds 1..R one after another as events on the run's virtual clock: each round is a task tagged
 * ({@value #ROUND}, round) that, when the clock reaches it, asks the server for the round; when the results are
 * on record the clock moves on by the round's virtual duration and the next round is scheduled at that point,
 * before the checkpoint, so the checkpoint holds the clock with the next round pending. One round at a time: a
 * round starts only when the previous one is on record.
 *
 * <p>A round's virtual duration is the time its devices took ({@link RoundDone#deviceMillis()}, 0 without device
 * profiles) plus the ledger's virtual time spent in it ({@link RoundDone#ledgerMillis()}: block intervals of what the
 * round posted, as the ledger service told the server; 0 when it posts nothing). The driver never reads the ledger. A timeline that records time adds the clock's time at the end of the round to the round's metrics as
 * {@link VirtualTime#METRIC}, and whatever else the timeline says a round carries (a privacy section's dp_epsilon).
 */
public final class RoundDriver {
    /** The tag kind of a round task; its subject is the round number. */
    public static final String ROUND = "round";

    private RoundDriver() {}

    public sealed interface Command extends CborSerializable permits Start, RoundFinished {}

    public record Start() implements Command {}

    private record RoundFinished(RoundDone done) implements Command {}

    /** Builds the server's own "run this round" message. */
    @FunctionalInterface
    public interface RoundRequest<T> {
        T create(int round, List<Integer> selected, ActorRef<RoundDone> replyTo);
    }

    /**
     * Where rounds happen in virtual time.
     *
     * @param clock       the run's clock (shared with whatever runs before and after on it)
     * @param recordsTime  whether each round's metrics get the clock's time ({@link VirtualTime#METRIC}, which the run's
     *                     series declare)
     * @param roundColumns what else a round's metrics carry as a function of the round number alone (the privacy
     *                     accountant's dp_epsilon), declared by the run's series likewise; none when null
     */
    public record Timeline(VirtualClock clock, boolean recordsTime, IntFunction<Map<String, Double>> roundColumns) {
        public Timeline {
            roundColumns = roundColumns == null ? round -> Map.of() : roundColumns;
        }

        /**
         * A timeline without columns of its own beyond the time.
         *
         * @param recordsTime whether each round's metrics get the clock's time
         */
        public Timeline(VirtualClock clock, boolean recordsTime) {
            this(clock, recordsTime, null);
        }

        /** A timeline whose rounds' metrics do not carry the time (tests with metrics of their own). */
        public Timeline(VirtualClock clock) {
            this(clock, false);
        }

        /** A clock of its own (tests, runs that need no timeline). */
        public static Timeline detached() {
            return new Timeline(new VirtualClock());
        }
    }

    /**
     * @param selection participants (sorted ids) that take part in a round
     */
    public static <T> Behavior<Command> create(ActorRef<T> server, RoundRequest<T> request, int rounds, IntFunction<List<Integer>> selection,
                                               RunListener listener, CompletableFuture<Void> done) {
        return create(server, request, 1, rounds, selection, listener, round -> {}, done, Timeline.detached());
    }

    /** As below, on a clock of its own. */
    public static <T> Behavior<Command> create(ActorRef<T> server, RoundRequest<T> request, int firstRound, int rounds,
                                               IntFunction<List<Integer>> selection, RunListener listener, IntConsumer afterRound,
                                               CompletableFuture<Void> done) {
        return create(server, request, firstRound, rounds, selection, listener, afterRound, done, Timeline.detached());
    }

    /**
     * @param firstRound the round to start with (after a resumed checkpoint: its round + 1); past {@code rounds}, nothing runs.
     *                   When the clock was restored from a checkpoint, its pending round task must be this round.
     * @param afterRound called once a round's results went to the listener and the next round is on the clock, before
     *                   it starts (checkpoints); what it or the listener throws (a recorder refusing an undeclared metric)
     *                   ends the run with that exception
     */
    public static <T> Behavior<Command> create(ActorRef<T> server, RoundRequest<T> request, int firstRound, int rounds,
                                               IntFunction<List<Integer>> selection, RunListener listener, IntConsumer afterRound,
                                               CompletableFuture<Void> done, Timeline timeline) {
        return Behaviors.setup(ctx -> {
            ActorRef<RoundDone> adapter = ctx.messageAdapter(RoundDone.class, RoundFinished::new);
            VirtualClock clock = timeline.clock();
            IntFunction<Runnable> roundTask = round -> () -> server.tell(request.create(round, selection.apply(round), adapter));
            return Behaviors.receive(Command.class)
                    .onMessage(Start.class, start -> {
                        try {
                            bindOrSchedule(clock, firstRound, rounds, roundTask);
                        } catch (RuntimeException e) {
                            done.completeExceptionally(e);
                            return Behaviors.stopped();
                        }
                        return runNext(clock, done);
                    })
                    .onMessage(RoundFinished.class, finished -> {
                        RoundDone result = finished.done();
                        int round = result.metrics().round();
                        try {
                            // never negative: a backend whose time is read from a real node's block stamps must not stop the run
                            clock.advanceTo(clock.nowMillis() + result.deviceMillis() + Math.max(0, result.ledgerMillis()));
                            result.participants().forEach(listener::onParticipant);
                            result.events().forEach(listener::onEvent);
                            result.timings().forEach(listener::onTiming);
                            listener.onRound(withTimelineColumns(result.metrics(), timeline, clock.nowMillis()));
                            if (round + 1 <= rounds) {
                                clock.schedule(clock.nowMillis(), new VirtualClock.Tag(ROUND, round + 1), roundTask.apply(round + 1));
                            }
                            afterRound.accept(round);
                        } catch (RuntimeException e) {
                            done.completeExceptionally(e);
                            return Behaviors.stopped();
                        }
                        return runNext(clock, done);
                    })
                    .build();
        });
    }

    private static RoundMetrics withTimelineColumns(RoundMetrics row, Timeline timeline, long nowMillis) {
        Map<String, Double> columns = timeline.roundColumns().apply(row.round());
        if (!timeline.recordsTime() && columns.isEmpty()) {
            return row;
        }
        java.util.TreeMap<String, Double> extra = new java.util.TreeMap<>(row.extra());
        extra.putAll(columns);
        if (timeline.recordsTime()) {
            extra.put(VirtualTime.COLUMN, VirtualTime.seconds(nowMillis));
        }
        return new RoundMetrics(row.series(), row.round(), row.accuracy(), row.loss(), row.macroF1(), row.trainLoss(), extra);
    }

    /** A resumed clock already holds the next round (its checkpoint was taken with it pending); a fresh one gets the first. */
    private static void bindOrSchedule(VirtualClock clock, int firstRound, int rounds, IntFunction<Runnable> roundTask) {
        List<VirtualClock.Pending> restored = clock.restoredUnbound();
        if (!restored.isEmpty()) {
            VirtualClock.Tag expected = new VirtualClock.Tag(ROUND, firstRound);
            if (restored.size() != 1 || !restored.get(0).tag().equals(expected)) {
                throw new IllegalStateException("the checkpoint's clock holds " + restored + ", expected only " + expected);
            }
            clock.bindRestored(tag -> roundTask.apply((int) tag.subject()));
        } else if (firstRound <= rounds) {
            clock.schedule(clock.nowMillis(), new VirtualClock.Tag(ROUND, firstRound), roundTask.apply(firstRound));
        }
    }

    /** Starts the next task on the clock (the next round); with none left, the rounds are over. */
    private static Behavior<Command> runNext(VirtualClock clock, CompletableFuture<Void> done) {
        try {
            if (clock.runNext()) {
                return Behaviors.same();
            }
            done.complete(null);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return Behaviors.stopped();
    }
}
