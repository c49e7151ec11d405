package io.chainfl.agents.deepchain;

import io.chainfl.agents.EntityKind;
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
 *
 * <p>A worker keeps nothing between aggregations, so on a cluster it is a sharded entity any member rebuilds from
 * its recipe; its reply leaves from the crypto executor, so a worker passivated meanwhile still answers.
 */
public final class WorkerActor {
    /** Workers as Cluster Sharding entities, by worker id. */
    public static final EntityKind<WorkerCommand> KIND = new EntityKind<>("deepchain-worker", WorkerCommand.class);

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
                    CompletableFuture<Void> work = CompletableFuture.runAsync(() -> {
                        Stopwatch clock = Stopwatch.start();
                        request.replyTo().tell(new Aggregated(id, request.round(), crypto.aggregate(inputs), clock.elapsedMillis()));
                    }, cryptoExecutor);
                    ctx.pipeToSelf(work, (ok, failure) -> new WorkerInternal(request.round(), failure));
                    return Behaviors.same();
                })
                .onMessage(WorkerInternal.class, done -> {
                    if (done.failure() != null) {
                        throw new IllegalStateException("worker " + id + " aggregation failed in round " + done.round(), done.failure());
                    }
                    return Behaviors.same();
                })
                .build());
    }
}
