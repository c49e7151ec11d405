package io.chainfl.agents;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * An entity lost with its cluster member. Under {@code runtime.on_participant_loss: reassign} it lives on at
 * {@code replacement} (Cluster Sharding re-creates it from its recipe on a surviving member when it is next
 * addressed); under {@code drop}, {@code replacement} is null and the protocol stops waiting for it.
 *
 * @param detail what happened, for the event log (the lost member's address)
 */
public record EntityLost(EntityKind<?> kind, int id, ActorRef<?> replacement, String detail) {

    /** The replacement as a reference of {@code expected}'s commands (null when dropped). */
    @SuppressWarnings("unchecked")
    public <C> ActorRef<C> replacement(EntityKind<C> expected) {
        if (!kind.equals(expected)) {
            throw new IllegalArgumentException("lost entity is a " + kind.name() + ", not a " + expected.name());
        }
        return (ActorRef<C>) replacement;
    }
}
