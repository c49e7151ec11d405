package io.chainfl.agents.adversary;

import java.util.SplittableRandom;

/**
 * A model-poisoning attack one participant mounts alone: after (honest) local training it replaces its
 * change with a crafted one. It needs nothing but its own update, unlike a {@link CoalitionAttack}.
 */
public interface UpdateAttack {
    /** First round in which the upload is crafted. */
    Integer startRound();

    /** The upload that replaces the honestly trained {@code delta}; never modifies {@code delta}. */
    float[] craft(float[] delta, SplittableRandom rng);
}
