package io.chainfl.agents.deepchain;

import io.chainfl.agents.deepchain.DeepChainMessages.Aggregate;
import io.chainfl.agents.deepchain.DeepChainMessages.Aggregated;
import io.chainfl.agents.deepchain.DeepChainMessages.WorkerCommand;
import io.chainfl.agents.deepchain.DeepChainMessages.WorkerInternal;
import io.chainfl.engine.metrics.Stopwatch;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A DeepChain worker: multiplies the accepted ciphertexts into their aggregate on the crypto executor. LAZY lets
 * the deadline pass; WRONG leaves the last party's ciphertexts out, a well-formed but wrong aggregate that only
 * the other workers' majority verification catches.
 */
public final class WorkerActor {
    private WorkerActor() {}

    public enum Behaviour { HONEST, LAZY, WRONG }

    public static Behavior<WorkerCommand> create(int id, DeepChainCrypto crypto, Behaviour behaviour, Executor cryptoExecutor) {
        return Behaviors.setup(ctx -> Behaviors.receive(WorkerCommand.class)
                .onMessage(Aggregate.class, request -> {
                    if (behaviour == Behaviour.LAZY) {
                        request.replyTo().tell(new Aggregated(id, request.round(), null, 0));
                        return Behaviors.same();
                    }
                    List<byte[]> inputs = behaviour == Behaviour.WRONG && request.payloads().size() > 1
                            ? request.payloads().subList(0, request.payloads().size() - 1) : request.payloads();
                    CompletableFuture<Runnable> work = CompletableFuture.supplyAsync(() -> {
                        Stopwatch clock = Stopwatch.start();
                        Aggregated result = new Aggregated(id, request.round(), crypto.aggregate(inputs), clock.elapsedMillis());
                        return () -> request.replyTo().tell(result);
                    }, cryptoExecutor);
                    ctx.pipeToSelf(work, WorkerInternal::new);
                    return Behaviors.same();
                })
                .onMessage(WorkerInternal.class, done -> {
                    if (done.failure() != null) {
                        throw new IllegalStateException("worker " + id + " aggregation failed", done.failure());
                    }
                    done.deliver().run();
                    return Behaviors.same();
                })
                .build());
    }
}
