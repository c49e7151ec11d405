package io.chainfl.agents.cluster;

import io.chainfl.agents.Deployment;
import io.chainfl.agents.ParticipantActor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/** The driver member's root actor: hosts participants like any member, and runs the simulation it is given. */
final class DriverGuardian {
    private DriverGuardian() {}

    sealed interface Command permits StartRun, RunStopped {}

    record StartRun(Deployment.Simulation simulation, Map<Integer, ActorRef<ParticipantActor.Command>> participants,
                    List<ActorRef<ParticipantHost.Command>> hosts, ClusterOptions options, CompletableFuture<Void> done) implements Command {}

    private record RunStopped(CompletableFuture<Void> done) implements Command {}

    static Behavior<Command> create(Supplier<ParticipantHost.HostedRun> hosted) {
        return Behaviors.setup(ctx -> {
            ActorRef<ParticipantHost.Command> host = ctx.spawn(ParticipantHost.create(hosted), "participant-host");
            ctx.getSystem().receptionist().tell(Receptionist.register(ParticipantHost.KEY, host));
            return Behaviors.receive(Command.class)
                    .onMessage(StartRun.class, start -> {
                        ActorRef<RunSupervisor.Command> run = ctx.spawnAnonymous(RunSupervisor.create(start));
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
