package io.chainfl.agents.cluster;

import io.chainfl.agents.CborSerializable;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.ParticipantRecipe;
import io.chainfl.agents.SimulationSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * One per cluster member (the driver included): creates the participants the driver places on this member,
 * from the member's own copy of the run (config, seed, data), so only participant ids cross the network.
 * Registered with the Receptionist under {@link #KEY}.
 */
public final class ParticipantHost {
    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "chainfl-participant-host");

    private ParticipantHost() {}

    /** What this member can host: the participants of the run with this fingerprint. */
    public record HostedRun(String fingerprint, ParticipantRecipe recipe) {}

    public sealed interface Command extends CborSerializable permits Spawn, StopAll {}

    /** Create these participants of the run {@code fingerprint}. */
    public record Spawn(String fingerprint, List<Integer> ids, ActorRef<Spawned> replyTo) implements Command {
        public Spawn {
            ids = List.copyOf(ids);
        }
    }

    /** Stop every participant this host created (the run is over). */
    public record StopAll(String fingerprint) implements Command {}

    public record Placed(int id, ActorRef<ParticipantActor.Command> ref) implements CborSerializable {}

    /** The created participants, or {@code error} (null when fine) and none. */
    public record Spawned(String host, List<Placed> participants, String error) implements CborSerializable {
        public Spawned {
            participants = List.copyOf(participants);
        }
    }

    /** @param current the run this member hosts (a node: fixed at start; the driver: set before each run) */
    public static Behavior<Command> create(Supplier<HostedRun> current) {
        return Behaviors.setup(ctx -> {
            String self = ctx.getSystem().address().toString();
            return Behaviors.receive(Command.class)
                    .onMessage(Spawn.class, spawn -> {
                        HostedRun run = current.get();
                        if (run == null || !run.fingerprint().equals(spawn.fingerprint())) {
                            spawn.replyTo().tell(new Spawned(self, List.of(), "member " + self + " was started with a different config"
                                    + " (seed, participants, data, model, training, scenario or adversaries differ); start every"
                                    + " `chainfl node` with the same config file, --set and --seed as the run"));
                            return Behaviors.same();
                        }
                        List<Placed> placed = new ArrayList<>(spawn.ids().size());
                        for (int id : spawn.ids()) {
                            placed.add(new Placed(id, spawnParticipant(ctx, run.recipe(), id)));
                        }
                        spawn.replyTo().tell(new Spawned(self, placed, null));
                        return Behaviors.same();
                    })
                    .onMessage(StopAll.class, stop -> {
                        ctx.getChildren().forEach(ctx::stop);
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static ActorRef<ParticipantActor.Command> spawnParticipant(ActorContext<Command> ctx, ParticipantRecipe recipe, int id) {
        String name = "participant-" + id;
        // a participant of an earlier run may still be stopping under the same name
        for (int generation = 2; ctx.getChild(name).isPresent(); generation++) {
            name = "participant-" + id + "-" + generation;
        }
        return ctx.spawn(recipe.create(id), name, SimulationSystem.trainingDispatcher());
    }
}
