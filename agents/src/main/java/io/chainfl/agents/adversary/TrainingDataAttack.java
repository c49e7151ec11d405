package io.chainfl.agents.adversary;

import io.chainfl.learning.data.Dataset;
import java.util.SplittableRandom;

/**
 * A data-poisoning attack: the adversary trains honestly, but on data it changed. One attack per
 * {@link Stage} and participant (a later entry of the same stage replaces an earlier one); stages apply in
 * their declared order, so a backdoor stamps its trigger on labels already flipped.
 */
public interface TrainingDataAttack {
    /** Where in the chain of changes an attack sits; each stage's output is computed once and reused. */
    enum Stage {
        /** Labels changed, samples kept (label flipping). */
        RELABEL,
        /** Samples changed (a trigger stamped on some of them). */
        POISON
    }

    Stage stage();

    /** First round in which the participant trains on the changed data. */
    Integer startRound();

    /**
     * The changed data, computed the first round this stage is active and kept for later rounds.
     *
     * @param rng the participant's backdoor stream (the attacks that draw take it; the others leave it untouched)
     */
    Dataset transform(Dataset data, SplittableRandom rng);
}
