package io.chainfl.agents.cluster;

import io.chainfl.agents.CborSerializable;
import io.chainfl.agents.Entities;
import io.chainfl.agents.SimulationSystem;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;

/**
 * One per cluster member (the driver included). It starts this member's Cluster Sharding regions, one per
 * entity kind of the run, built from the member's own copy of the run (config, seed, data), so only entity ids
 * and the protocol's messages cross the network. Registered with the Receptionist under {@link #KEY}, it lets the
 * driver check that the member runs the same config ({@link Join}) and tells it where each entity starts
 * ({@link EntityStarted}), which is how the driver knows what a lost member took with it.
 */
public final class MemberHost {
    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "chainfl-member-host");

    private MemberHost() {}

    /** What this member hosts: the entities of the run with this fingerprint. */
    public record HostedRun(String fingerprint, Entities entities) {}

    public sealed interface Command extends CborSerializable permits Join {}

    /** The driver's handshake before the run: report entity starts to {@code book}, if the fingerprints agree. */
    public record Join(String fingerprint, ActorRef<EntityStarted> book, ActorRef<Joined> replyTo) implements Command {}

    /** @param error null when this member hosts the run, else why not */
    public record Joined(String host, String error) implements CborSerializable {}

    /** Entity {@code kind}/{@code id} (re)started on the member at {@code host} (host:port). */
    public record EntityStarted(String kind, int id, String host) implements CborSerializable {}

    /** Starts the member's sharding regions for {@code run} and returns the host's behavior. */
    public static Behavior<Command> create(HostedRun run) {
        return Behaviors.setup(ctx -> {
            AtomicReference<ActorRef<EntityStarted>> book = new AtomicReference<>();
            String self = ClusterDeployment.selfHost(ctx.getSystem());
            for (Entities.Group<?> group : run.entities().groups()) {
                startRegion(ctx.getSystem(), group, book, self);
            }
            ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
            return Behaviors.receive(Command.class)
                    .onMessage(Join.class, join -> {
                        if (!run.fingerprint().equals(join.fingerprint())) {
                            join.replyTo().tell(new Joined(self, "member " + self + " was started with a different config"
                                    + " (seed, participants, data, model, training, scenario or adversaries differ); start every"
                                    + " `chainfl node` with the same config file, --set and --seed as the run"));
                        } else {
                            book.set(join.book());
                            join.replyTo().tell(new Joined(self, null));
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    /**
     * One entity type on every member with the participants role. Sharding builds entity {@code id} from the recipe
     * when a message first reaches it here: at the start, after its member was lost, or after it was passivated.
     */
    private static <C> void startRegion(ActorSystem<?> system, Entities.Group<C> group, AtomicReference<ActorRef<EntityStarted>> book, String self) {
        String kind = group.kind().name();
        Entity<C, ShardingEnvelope<C>> entity = Entity.of(group.kind().typeKey(), context -> {
                    int id = Integer.parseInt(context.getEntityId());
                    ActorRef<EntityStarted> driver = book.get();
                    if (driver != null) {
                        driver.tell(new EntityStarted(kind, id, self));
                    }
                    return group.recipe().apply(id);
                })
                .withRole(ClusterSettings.PARTICIPANTS_ROLE)
                .withEntityProps(DispatcherSelector.fromConfig(SimulationSystem.TRAINING_DISPATCHER));
        if (group.kind().stopMessage() != null) {
            entity = entity.withStopMessage(group.kind().stopMessage());
        }
        ClusterSharding.get(system).init(entity);
    }
}
