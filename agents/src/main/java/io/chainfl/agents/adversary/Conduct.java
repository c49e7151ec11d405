package io.chainfl.agents.adversary;

import io.chainfl.engine.data.Dataset;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * How one participant deviates from the protocol, round by round. The honest conduct changes nothing; an
 * adversarial one is assembled from the adversary entries that name the participant. Coalition attacks
 * (alie, ipm, min_max, sybil) are not here: they need the other updates and are applied by {@link Coalition}.
 */
public final class Conduct {
    public static final Conduct HONEST = new Conduct(null, null, null);

    private final LabelFlipParams labelFlip;
    private final FreeRiderParams freeRider;
    private final DishonestVoteParams dishonestVote;
    private final UpdateAttack updateAttack;
    private final BackdoorParams backdoor;
    private Dataset flipped;
    private Dataset backdoored;

    Conduct(LabelFlipParams labelFlip, FreeRiderParams freeRider, DishonestVoteParams dishonestVote) {
        this(labelFlip, freeRider, dishonestVote, null, null);
    }

    Conduct(LabelFlipParams labelFlip, FreeRiderParams freeRider, DishonestVoteParams dishonestVote, UpdateAttack updateAttack,
            BackdoorParams backdoor) {
        this.labelFlip = labelFlip;
        this.freeRider = freeRider;
        this.dishonestVote = dishonestVote;
        this.updateAttack = updateAttack;
        this.backdoor = backdoor;
    }

    /** True when this participant may upload its previous upload again (a stale free-rider), so that upload is state to checkpoint. */
    public boolean replaysPreviousUpload() {
        return freeRider != null;
    }

    public boolean isAdversarial() {
        return labelFlip != null || freeRider != null || dishonestVote != null || updateAttack != null || backdoor != null;
    }

    /**
     * The data the participant trains on in this round: flipped labels, then the backdoor trigger on top.
     *
     * @param rng the participant's backdoor stream; drawn from once, the first time the poisoned set is built
     */
    public Dataset trainingData(Dataset own, int round, SplittableRandom rng) {
        Dataset data = own;
        if (labelFlip != null && round >= labelFlip.startRound()) {
            if (flipped == null) {
                flipped = flipLabels(own, labelFlip);
            }
            data = flipped;
        }
        if (backdoor != null && round >= backdoor.startRound()) {
            if (backdoored == null) {
                backdoored = backdoor.poison(data, rng);
            }
            data = backdoored;
        }
        return data;
    }

    static Dataset flipLabels(Dataset own, LabelFlipParams params) {
        int[] labels = own.labels().clone();
        int classes = own.numClasses();
        for (int i = 0; i < labels.length; i++) {
            if (params.source() < 0) {
                labels[i] = classes - 1 - labels[i];
            } else if (labels[i] == params.source()) {
                labels[i] = params.target();
            }
        }
        return new Dataset(own.name() + "-flipped", own.features(), labels, own.numFeatures(), classes, own.imageShape());
    }

    public boolean skipsTraining(int round) {
        return freeRider != null && round >= freeRider.startRound();
    }

    /** What the participant uploads for its trained {@code delta}: the delta itself, or the model-poisoning attack's craft. */
    public float[] upload(float[] delta, int round, SplittableRandom rng) {
        if (updateAttack == null || round < updateAttack.startRound()) {
            return delta;
        }
        return updateAttack.craft(delta, rng);
    }

    /** What a free-rider uploads instead of a trained change. */
    public float[] freeRide(int length, float[] previousUpload, SplittableRandom rng) {
        float[] fake = new float[length];
        switch (freeRider.mode()) {
            case NOISE -> {
                for (int i = 0; i < length; i++) {
                    fake[i] = (float) (rng.nextGaussian() * freeRider.noiseStd());
                }
            }
            case STALE -> {
                if (previousUpload != null) {
                    System.arraycopy(previousUpload, 0, fake, 0, length);
                }
            }
            case ZERO -> { }
        }
        return fake;
    }

    /** The participant's ballot: honest scores, or for a dishonest voter 1 for the coalition and 0 for the rest. */
    public Map<Integer, Double> ballot(Map<Integer, Double> honestScores, Set<Integer> coalition, int round) {
        if (dishonestVote == null || round < dishonestVote.startRound()) {
            return honestScores;
        }
        Map<Integer, Double> rigged = new TreeMap<>();
        honestScores.keySet().forEach(candidate -> rigged.put(candidate, coalition.contains(candidate) ? 1.0 : 0.0));
        return rigged;
    }
}
