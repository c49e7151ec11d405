package io.chainfl.agents.adversary;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A model-poisoning attack one participant mounts alone: after (honest) local training it replaces its
 * change with a crafted one. It needs nothing but its own update, unlike a {@link CoalitionAttack}. A new one
 * is its params record implementing this plus one line in {@link AdversaryRegistry}.
 */
public interface UpdateAttack extends Adversary {
    /** First round in which the upload is crafted. */
    @Override
    Integer startRound();

    /** The upload that replaces the honestly trained {@code delta}; never modifies {@code delta}. */
    float[] craft(float[] delta, SplittableRandom rng);

    /** Each member crafts its own upload (one upload attack per participant: a later entry replaces an earlier one). */
    @Override
    default void applyTo(AdversaryPlan.Builder plan, List<Integer> members) {
        members.forEach(id -> plan.craftUpload(id, this));
    }
}
