package io.chainfl.agents.cluster;

import io.chainfl.agents.Deployment;
import io.chainfl.agents.Entities;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** The driver member's root actor: hosts entities like any member, and runs the simulation it is given. */
final class DriverGuardian {
    private DriverGuardian() {}

    sealed interface Command permits StartRun, RunStopped {}

    /** @param starts counts entity starts on every member: first placements, re-creations after passivation or loss */
    record StartRun(Deployment.Simulation simulation, Entities entities, List<ActorRef<MemberHost.Command>> hosts, ClusterOptions options,
                    CompletableFuture<Void> done, AtomicLong starts) implements Command {}

    private record RunStopped(CompletableFuture<Void> done) implements Command {}

    static Behavior<Command> create(MemberHost.HostedRun hosted) {
        return Behaviors.setup(ctx -> {
            ctx.spawn(MemberHost.create(hosted), "member-host");
            return Behaviors.receive(Command.class)
                    .onMessage(StartRun.class, start -> {
                        ActorRef<RunSupervisor.Command> run = ctx.spawn(RunSupervisor.create(start), "run");
                        ctx.watchWith(run, new RunStopped(start.done()));
                        return Behaviors.same();
                    })
                    .onMessage(RunStopped.class, stopped -> {
                        // a supervisor that stops without a verdict must not leave the caller waiting
                        stopped.done().completeExceptionally(new IllegalStateException("the clustered run stopped before it finished"));
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
