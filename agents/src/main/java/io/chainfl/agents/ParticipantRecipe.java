package io.chainfl.agents;

import org.apache.pekko.actor.typed.Behavior;

/**
 * Builds the participant with a given id from what every JVM of a run can derive on its own (config, seed,
 * data), so a participant can be created, or re-created, on any cluster member by sending only its id.
 */
@FunctionalInterface
public interface ParticipantRecipe {
    Behavior<ParticipantActor.Command> create(int participantId);
}
