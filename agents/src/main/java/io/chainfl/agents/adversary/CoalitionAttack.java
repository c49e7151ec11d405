package io.chainfl.agents.adversary;

import java.util.List;

/**
 * A model-poisoning attack crafted jointly by all its colluders from the round's benign updates (the
 * omniscient adversary of ByzFL and Blades). The simulator grants that knowledge by letting {@link Coalition}
 * run at the server, where every update of the round is at hand; a real coalition would need to eavesdrop on
 * or predict the benign updates, so results are a worst case. Implementations sum in plain Java loops in a fixed
 * order (rows in participant order, then coordinates in index order, in double), so a crafted upload is the same
 * on every CPU; {@link Stats} holds the shared per-coordinate statistics.
 */
public interface CoalitionAttack extends Adversary {
    /** First round in which the colluders upload the crafted update. */
    @Override
    Integer startRound();

    /**
     * The one update every colluder uploads this round.
     *
     * @param benign the honest updates, one row each, in participant-id order (read only)
     * @param own    the colluders' own honestly trained updates, one row each, in participant-id order (read only)
     */
    float[] craft(float[][] benign, float[][] own);

    /** Every member joins the crafting coalition. */
    @Override
    default void applyTo(AdversaryPlan.Builder plan, List<Integer> members) {
        members.forEach(id -> plan.craftWithCoalition(id, this));
    }
}
