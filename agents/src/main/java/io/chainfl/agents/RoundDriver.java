package io.chainfl.agents;

import io.chainfl.engine.metrics.RunListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs rounds 1..R one after another: asks the server for a round, hands the results to the listener, and
 * completes {@code done} after the last round. One round at a time keeps virtual time simple: a round starts
 * only when the previous one is on record.
 */
public final class RoundDriver {
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
     * @param selection participants (sorted ids) that take part in a round
     */
    public static <T> Behavior<Command> create(ActorRef<T> server, RoundRequest<T> request, int rounds, IntFunction<List<Integer>> selection,
                                               RunListener listener, CompletableFuture<Void> done) {
        return create(server, request, 1, rounds, selection, listener, round -> {}, done);
    }

    /**
     * @param firstRound the round to start with (after a resumed checkpoint: its round + 1); past {@code rounds}, nothing runs
     * @param afterRound called once a round's results went to the listener, before the next round starts (checkpoints);
     *                   what it or the listener throws (a recorder refusing an undeclared metric) ends the run with that exception
     */
    public static <T> Behavior<Command> create(ActorRef<T> server, RoundRequest<T> request, int firstRound, int rounds,
                                               IntFunction<List<Integer>> selection, RunListener listener, IntConsumer afterRound,
                                               CompletableFuture<Void> done) {
        return Behaviors.setup(ctx -> {
            ActorRef<RoundDone> adapter = ctx.messageAdapter(RoundDone.class, RoundFinished::new);
            return Behaviors.receive(Command.class)
                    .onMessage(Start.class, start -> {
                        if (firstRound > rounds) {
                            done.complete(null);
                            return Behaviors.stopped();
                        }
                        server.tell(request.create(firstRound, selection.apply(firstRound), adapter));
                        return Behaviors.same();
                    })
                    .onMessage(RoundFinished.class, finished -> {
                        RoundDone result = finished.done();
                        try {
                            result.participants().forEach(listener::onParticipant);
                            result.events().forEach(listener::onEvent);
                            result.timings().forEach(listener::onTiming);
                            listener.onRound(result.metrics());
                            afterRound.accept(result.metrics().round());
                        } catch (RuntimeException e) {
                            done.completeExceptionally(e);
                            return Behaviors.stopped();
                        }
                        int next = result.metrics().round() + 1;
                        if (next > rounds) {
                            done.complete(null);
                            return Behaviors.stopped();
                        }
                        server.tell(request.create(next, selection.apply(next), adapter));
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
