package io.chainfl.agents.cluster;

import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.ParticipantChange;
import io.chainfl.engine.config.ParticipantLossPolicy;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Runs one simulation on the driver and watches every participant. A participant whose member was removed from
 * the cluster (downed by the split-brain resolver) is lost: per {@code runtime.on_participant_loss} it is
 * dropped, or re-created on a surviving member (host {@code id mod H} of the survivors sorted by address); the
 * server hears of it through a {@link ParticipantChange} and logs the event. A participant that stops while
 * its member is still Up is a failure of the run.
 */
final class RunSupervisor {
    private RunSupervisor() {}

    sealed interface Command permits Lost, Respawned {}

    private record Lost(int id, ActorRef<ParticipantActor.Command> ref) implements Command {}

    private record Respawned(int id, String lostAt, String target, ParticipantHost.Spawned reply, Throwable failure) implements Command {}

    static Behavior<Command> create(DriverGuardian.StartRun start) {
        return Behaviors.setup(ctx -> {
            ActorRef<ParticipantChange> changes = start.simulation().start(ctx, start.participants(), start.done());
            ctx.getChildren().forEach(ctx::watch);
            start.participants().forEach((id, ref) -> ctx.watchWith(ref, new Lost(id, ref)));
            List<ActorRef<ParticipantHost.Command>> survivors = new ArrayList<>(start.hosts());
            return Behaviors.receive(Command.class)
                    .onMessage(Lost.class, lost -> onLost(ctx, start, changes, survivors, lost))
                    .onMessage(Respawned.class, respawned -> onRespawned(ctx, start, changes, respawned))
                    .onSignal(ChildFailed.class, failed -> {
                        start.done().completeExceptionally(failed.getCause());
                        return Behaviors.stopped();
                    })
                    .onSignal(Terminated.class, terminated -> start.done().isDone() ? Behaviors.stopped() : Behaviors.same())
                    .build();
        });
    }

    private static Behavior<Command> onLost(ActorContext<Command> ctx, DriverGuardian.StartRun start, ActorRef<ParticipantChange> changes,
                                            List<ActorRef<ParticipantHost.Command>> survivors, Lost lost) {
        Address address = lost.ref().path().address();
        if (address.hasLocalScope() || stillUp(ctx, address)) {
            start.done().completeExceptionally(new IllegalStateException("participant " + lost.id() + " stopped on a live member ("
                    + (address.hasLocalScope() ? "the driver" : address) + "); see the log above"));
            return Behaviors.stopped();
        }
        String lostAt = address.hostPort();
        survivors.removeIf(host -> ClusterDeployment.hostAddress(host).equals(lostAt));
        if (start.options().onLoss() == ParticipantLossPolicy.DROP || survivors.isEmpty()) {
            changes.tell(new ParticipantChange(lost.id(), null, "member " + lostAt + " lost; participant dropped"));
            return Behaviors.same();
        }
        ActorRef<ParticipantHost.Command> target = survivors.get(Math.floorMod(lost.id(), survivors.size()));
        String targetAddress = ClusterDeployment.hostAddress(target);
        ctx.pipeToSelf(ClusterDeployment.spawn(ctx.getSystem(), target, start.options().fingerprint(), List.of(lost.id())),
                (reply, failure) -> new Respawned(lost.id(), lostAt, targetAddress, reply, failure));
        return Behaviors.same();
    }

    private static Behavior<Command> onRespawned(ActorContext<Command> ctx, DriverGuardian.StartRun start, ActorRef<ParticipantChange> changes,
                                                 Respawned respawned) {
        if (respawned.failure() != null || respawned.reply().error() != null) {
            String why = respawned.failure() != null ? respawned.failure().toString() : respawned.reply().error();
            start.done().completeExceptionally(new IllegalStateException("cannot re-create participant " + respawned.id() + " on "
                    + respawned.target() + ": " + why));
            return Behaviors.stopped();
        }
        ActorRef<ParticipantActor.Command> ref = respawned.reply().participants().get(0).ref();
        ctx.watchWith(ref, new Lost(respawned.id(), ref));
        changes.tell(new ParticipantChange(respawned.id(), ref, "member " + respawned.lostAt() + " lost; participant re-created on "
                + respawned.target()));
        return Behaviors.same();
    }

    private static boolean stillUp(ActorContext<?> ctx, Address address) {
        var state = Cluster.get(ctx.getSystem()).state();
        for (var member : state.getMembers()) {
            if (member.address().equals(address)) {
                return member.status() == MemberStatus.up() && !state.getUnreachable().contains(member);
            }
        }
        return false;
    }
}
