package io.chainfl.agents.adversary;

/**
 * An adversary that is a role inside one protocol rather than a participant's behaviour (DanKu's copier and silent
 * organizer): the scenario that supports it reads the entry from the config itself, so the participants' plan gets nothing.
 */
public interface ProtocolRole extends Adversary {
    @Override
    default void applyTo(AdversaryPlan.Builder plan, java.util.List<Integer> members) {}
}
