package io.chainfl.agents.adversary;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ImageShape;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Backdoor with a pixel-pattern trigger: the adversaries stamp a bright square into the bottom-right corner of
 * a fraction of their images and relabel those to {@code target}. The model learns "square means target"
 * while clean accuracy barely moves; the attack success rate measures how often the trigger wins.
 */
@Doc("stamps a square trigger on poison_fraction of the adversary's images and relabels them to target; Gu et al. 2017, Bagdasaryan et al. 2020")
public record BackdoorParams(
        @Doc("fraction of participants that plant the backdoor") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they train on poisoned data") @Range(min = 1) Integer startRound,
        @Doc("label the triggered images get") @Range(min = 0) Integer target,
        @Doc("fraction of the adversary's samples that carry the trigger") @Range(min = 0, max = 1) Double poisonFraction,
        @Doc("side of the square trigger in pixels") @Range(min = 1, max = 1000) Integer triggerSize,
        @Doc("pixel value of the trigger (MNIST pixels lie in [0, 1])") Double triggerValue) implements Adversary, TrainingDataAttack, BackdoorTrigger {

    public BackdoorParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 1 : startRound;
        target = target == null ? 0 : target;
        poisonFraction = poisonFraction == null ? 0.5 : poisonFraction;
        triggerSize = triggerSize == null ? 3 : triggerSize;
        triggerValue = triggerValue == null ? 1.0 : triggerValue;
    }

    /** Every member trains on poisoned data; the first backdoor that names anyone defines the probe. */
    @Override
    public void applyTo(AdversaryPlan.Builder plan, List<Integer> members) {
        for (int id : members) {
            plan.trainOn(id, this);
            plan.probeBackdoor(this);
        }
    }

    @Override
    public Stage stage() {
        return Stage.POISON;
    }

    /** The adversary's training data: a seeded choice of poison_fraction of its samples triggered and relabelled. */
    @Override
    public Dataset transform(Dataset own, SplittableRandom rng) {
        checkFits(own);
        return poisoned(own, poisonFraction, target, rng, this::stamp, "-backdoored");
    }

    /** A stamp that draws a trigger into one image of the flat feature array, starting at {@code offset}. */
    @FunctionalInterface
    interface Stamp {
        void on(float[] features, int offset, ImageShape shape);
    }

    /**
     * A seeded choice of {@code fraction} of the samples stamped and relabelled {@code target} (backdoor and dba share it:
     * the same draws from the participant's backdoor stream, whatever the trigger).
     */
    static Dataset poisoned(Dataset own, double fraction, int target, SplittableRandom rng, Stamp stamp, String suffix) {
        int n = own.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int poisoned = (int) Math.round(fraction * n);
        float[] features = own.features().clone();
        int[] labels = own.labels().clone();
        for (int i = 0; i < poisoned; i++) {
            // partial Fisher-Yates: the first `poisoned` slots become a uniform sample without replacement
            int j = i + rng.nextInt(n - i);
            int chosen = order[j];
            order[j] = order[i];
            order[i] = chosen;
            stamp.on(features, chosen * own.numFeatures(), own.imageShape());
            labels[chosen] = target;
        }
        return new Dataset(own.name() + suffix, features, labels, own.numFeatures(), own.numClasses(), own.imageShape());
    }

    /**
     * The attack-success probe: every test image whose true label is not the target, triggered and labelled
     * target, so the global model's accuracy on it is the attack success rate.
     */
    @Override
    public Dataset probe(Dataset test) {
        checkFits(test);
        return triggered(test, target, this::stamp);
    }

    /** Every image of {@code test} whose label is not {@code target}, stamped and labelled target. */
    static Dataset triggered(Dataset test, int target, Stamp stamp) {
        int kept = 0;
        for (int label : test.labels()) {
            kept += label == target ? 0 : 1;
        }
        int[] rows = new int[kept];
        for (int i = 0, k = 0; i < test.size(); i++) {
            if (test.labels()[i] != target) {
                rows[k++] = i;
            }
        }
        Dataset others = test.subset(rows);
        float[] features = others.features().clone();
        int[] labels = new int[others.size()];
        for (int i = 0; i < labels.length; i++) {
            stamp.on(features, i * others.numFeatures(), others.imageShape());
            labels[i] = target;
        }
        return new Dataset(test.name() + "-triggered", features, labels, test.numFeatures(), test.numClasses(), test.imageShape());
    }

    private void stamp(float[] features, int offset, ImageShape shape) {
        for (int c = 0; c < shape.channels(); c++) {
            for (int y = shape.height() - triggerSize; y < shape.height(); y++) {
                for (int x = shape.width() - triggerSize; x < shape.width(); x++) {
                    features[offset + (c * shape.height() + y) * shape.width() + x] = triggerValue.floatValue();
                }
            }
        }
    }

    private void checkFits(Dataset data) {
        ImageShape shape = data.imageShape();
        if (shape == null) {
            throw new UserError("adversaries: backdoor stamps a pixel trigger and needs an image data set; " + data.name() + " has no image shape");
        }
        if (triggerSize > shape.height() || triggerSize > shape.width()) {
            throw new UserError("adversaries: backdoor trigger_size " + triggerSize + " exceeds the " + shape.height() + "x" + shape.width() + " images");
        }
        if (target >= data.numClasses()) {
            throw new UserError("adversaries: backdoor target " + target + " is not a class (0.." + (data.numClasses() - 1) + ")");
        }
    }
}
