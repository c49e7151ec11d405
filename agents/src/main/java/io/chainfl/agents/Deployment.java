package io.chainfl.agents;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Where a simulation's participants live: all in this JVM ({@link #LOCAL}), or spread over the members of a
 * Pekko cluster. The scenario's protocol (server, round driver) is the same either way; only the participants'
 * references differ, so results do not depend on the deployment.
 */
public interface Deployment {

    /** The protocol side of a simulation, started once the participants exist. */
    @FunctionalInterface
    interface Simulation {
        /**
         * Spawns the protocol's actors; must eventually complete {@code done}.
         *
         * @param participants every participant by id (sorted)
         * @return where to report lost participants ({@link ParticipantChange}); local runs never lose any
         */
        ActorRef<ParticipantChange> start(ActorContext<?> context, Map<Integer, ActorRef<ParticipantActor.Command>> participants,
                                          CompletableFuture<Void> done);
    }

    /**
     * Creates the participants {@code ids} from {@code recipe}, runs the simulation and blocks until it is done.
     *
     * @param modelParams length of the model vector, the largest thing a message carries
     */
    void run(String name, int trainingThreads, long modelParams, ParticipantRecipe recipe, List<Integer> ids, Simulation simulation);

    /** Every participant an actor of this JVM's simulation system, on the training dispatcher. */
    Deployment LOCAL = (name, trainingThreads, modelParams, recipe, ids, simulation) -> SimulationSystem.run(name, trainingThreads, (ctx, done) -> {
        Map<Integer, ActorRef<ParticipantActor.Command>> participants = new TreeMap<>();
        for (int id : ids) {
            participants.put(id, ctx.spawn(recipe.create(id), "participant-" + id, SimulationSystem.trainingDispatcher()));
        }
        simulation.start(ctx, participants, done);
    });
}
