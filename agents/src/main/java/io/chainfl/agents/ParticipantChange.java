package io.chainfl.agents;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * Tells the server that a participant was lost with its cluster member: it now lives at {@code replacement},
 * or, when that is null, it leaves the remaining rounds. Sent only inside the driver's JVM.
 *
 * @param detail what happened, for the event log (the member's address, where the participant went)
 */
public record ParticipantChange(int participantId, ActorRef<ParticipantActor.Command> replacement, String detail)
        implements ParameterServerActor.Command {}
