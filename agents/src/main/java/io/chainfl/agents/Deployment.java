package io.chainfl.agents;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Where a simulation's entities live: all in this JVM ({@link #LOCAL}), or spread over the members of a Pekko
 * cluster by Cluster Sharding. The protocol's own actors (server, round driver, coordinator) always run in the
 * driver's JVM and are the same either way; only the entities' references differ, so results do not depend on
 * the deployment.
 */
public interface Deployment {

    /** The protocol side of a simulation, started once the entities can be addressed. */
    @FunctionalInterface
    interface Simulation {
        /**
         * Spawns the protocol's actors; must eventually complete {@code done}.
         *
         * @param entities every entity of every kind, by id
         * @return what to do when an entity is lost with its member (local runs never lose any)
         */
        Consumer<EntityLost> start(ActorContext<?> context, PlacedEntities entities, CompletableFuture<Void> done);
    }

    /**
     * Makes {@code entities} addressable, runs the simulation and blocks until it is done.
     *
     * @param modelParams length of the model vector, the largest thing a message carries
     */
    void run(String name, int trainingThreads, long modelParams, Entities entities, Simulation simulation);

    /** Every entity an actor of this JVM's simulation system, on the training dispatcher. */
    Deployment LOCAL = (name, trainingThreads, modelParams, entities, simulation) -> SimulationSystem.run(name, trainingThreads, (ctx, done) -> {
        PlacedEntities placed = new PlacedEntities();
        for (Entities.Group<?> group : entities.groups()) {
            spawnLocally(ctx, group, placed);
        }
        simulation.start(ctx, placed, done);
    });

    private static <C> void spawnLocally(ActorContext<?> ctx, Entities.Group<C> group, PlacedEntities placed) {
        for (int id : group.ids()) {
            placed.put(group.kind(), id, ctx.spawn(group.recipe().apply(id), group.kind().actorName(id), SimulationSystem.trainingDispatcher()));
        }
    }
}
