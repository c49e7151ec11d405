package io.chainfl.agents.adversary;

import io.chainfl.engine.config.AdversaryParams;
import java.util.List;

/**
 * An {@code adversaries:} entry that knows what it does to a run: it hands its behaviours to the plan for the
 * participants it names. Every record registered in {@link AdversaryRegistry} implements this, so the plan
 * never asks which kind an entry is. Most attacks implement one of the behaviour interfaces ({@link UpdateAttack},
 * {@link CoalitionAttack}), whose default {@link #applyTo} is all they need.
 */
public interface Adversary extends AdversaryParams {
    /**
     * Gives the plan this entry's behaviours.
     *
     * @param members the participants this entry makes adversarial: its ids, or the leading ones of the seeded order
     */
    void applyTo(AdversaryPlan.Builder plan, List<Integer> members);

    /** How many participants a fraction-given entry takes from the seeded order (an entry with ids ignores this). */
    default int drawnCount(int participants) {
        return (int) Math.round(fraction() * participants);
    }
}
