package io.chainfl.agents.adversary;

import io.chainfl.engine.data.Dataset;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * How one participant deviates from the protocol, round by round. The honest conduct changes nothing; an
 * adversarial one is assembled from the adversary entries that name the participant.
 */
public final class Conduct {
    public static final Conduct HONEST = new Conduct(null, null, null);

    private final LabelFlipParams labelFlip;
    private final FreeRiderParams freeRider;
    private final DishonestVoteParams dishonestVote;
    private Dataset flipped;

    Conduct(LabelFlipParams labelFlip, FreeRiderParams freeRider, DishonestVoteParams dishonestVote) {
        this.labelFlip = labelFlip;
        this.freeRider = freeRider;
        this.dishonestVote = dishonestVote;
    }

    public boolean isAdversarial() {
        return labelFlip != null || freeRider != null || dishonestVote != null;
    }

    /** The data the participant trains on in this round. */
    public Dataset trainingData(Dataset own, int round) {
        if (labelFlip == null || round < labelFlip.startRound()) {
            return own;
        }
        if (flipped == null) {
            flipped = flipLabels(own, labelFlip);
        }
        return flipped;
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
