package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import io.chainfl.learning.data.Dataset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fake labels (label flipping): the adversaries train on their own data with wrong labels. Untargeted, every
 * label y becomes {@code classes - 1 - y}; targeted ({@code source} and {@code target} set), only source
 * becomes target. The adversary needs nothing but its own data.
 */
@Doc("trains on fake labels (untargeted y -> classes-1-y, or source -> target); Zhang et al. 2020, Tolpegin et al. 2020")
public record LabelFlipParams(
        @Doc("fraction of participants that flip labels (the leading ones of the seeded adversary order)") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they flip") @Range(min = 1) Integer startRound,
        @Doc("targeted flipping: the class to relabel (-1: untargeted)") @Range(min = -1) Integer source,
        @Doc("targeted flipping: the label it gets") @Range(min = -1) Integer target) implements Adversary, TrainingDataAttack {

    public LabelFlipParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 5 : startRound;
        source = source == null ? -1 : source;
        target = target == null ? -1 : target;
    }

    @Override
    public void applyTo(AdversaryPlan.Builder plan, List<Integer> members) {
        members.forEach(id -> plan.trainOn(id, this));
    }

    @Override
    public Stage stage() {
        return Stage.RELABEL;
    }

    /** The own data relabelled; draws nothing. */
    @Override
    public Dataset transform(Dataset own, SplittableRandom unused) {
        int[] labels = own.labels().clone();
        int classes = own.numClasses();
        for (int i = 0; i < labels.length; i++) {
            if (source < 0) {
                labels[i] = classes - 1 - labels[i];
            } else if (labels[i] == source) {
                labels[i] = target;
            }
        }
        return new Dataset(own.name() + "-flipped", own.features(), labels, own.numFeatures(), classes, own.imageShape());
    }
}
