package io.chainfl.agents.adversary;

import io.chainfl.learning.data.Dataset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How one participant deviates from the protocol, round by round, composed from behaviours the adversary entries
 * that name it handed to the {@link AdversaryPlan}: changed training data, a crafted upload, free-riding, a rigged
 * ballot. The honest conduct has none. Coalition attacks (alie, ipm, min_max, min_sum, fang, mimic, sybil) are not here: they need the
 * other updates and are applied by {@link Coalition}.
 */
public final class Conduct {
    public static final Conduct HONEST = new Conduct(Map.of(), null, null, null);

    /** Skipping local training and uploading something that looks like an update instead. */
    public interface FreeRide {
        /** First round in which the participant free-rides. */
        Integer startRound();

        /** What it uploads instead of a trained change. */
        float[] fakeUpload(int length, float[] previousUpload, SplittableRandom rng);
    }

    /** Scoring the other candidates to favour the coalition (in protocols that vote). */
    public interface BallotRigging {
        /** First round in which the ballot is rigged. */
        Integer startRound();

        Map<Integer, Double> rig(Map<Integer, Double> honestScores, Set<Integer> coalition);
    }

    private final EnumMap<TrainingDataAttack.Stage, TrainingDataAttack> dataAttacks = new EnumMap<>(TrainingDataAttack.Stage.class);
    private final EnumMap<TrainingDataAttack.Stage, Dataset> changedData = new EnumMap<>(TrainingDataAttack.Stage.class);
    private final UpdateAttack uploadAttack;
    private final FreeRide freeRide;
    private final BallotRigging ballotRigging;

    Conduct(Map<TrainingDataAttack.Stage, TrainingDataAttack> dataAttacks, UpdateAttack uploadAttack, FreeRide freeRide, BallotRigging ballotRigging) {
        this.dataAttacks.putAll(dataAttacks);
        this.uploadAttack = uploadAttack;
        this.freeRide = freeRide;
        this.ballotRigging = ballotRigging;
    }

    /** True when this participant may upload its previous upload again (a stale free-rider), so that upload is state to checkpoint. */
    public boolean replaysPreviousUpload() {
        return freeRide != null;
    }

    public boolean isAdversarial() {
        return !dataAttacks.isEmpty() || uploadAttack != null || freeRide != null || ballotRigging != null;
    }

    /**
     * The data the participant trains on in this round: each active stage's change (flipped labels, then the backdoor
     * trigger on top), each computed the first round it is active and reused after.
     *
     * @param rng the participant's backdoor stream; drawn from once, the first time the poisoned set is built
     */
    public Dataset trainingData(Dataset own, int round, SplittableRandom rng) {
        Dataset data = own;
        for (Map.Entry<TrainingDataAttack.Stage, TrainingDataAttack> stage : dataAttacks.entrySet()) {
            if (round < stage.getValue().startRound()) {
                continue;
            }
            Dataset changed = changedData.get(stage.getKey());
            if (changed == null) {
                changed = stage.getValue().transform(data, rng);
                changedData.put(stage.getKey(), changed);
            }
            data = changed;
        }
        return data;
    }

    public boolean skipsTraining(int round) {
        return freeRide != null && round >= freeRide.startRound();
    }

    /** What the participant uploads for its trained {@code delta}: the delta itself, or the model-poisoning attack's craft. */
    public float[] upload(float[] delta, int round, SplittableRandom rng) {
        if (uploadAttack == null || round < uploadAttack.startRound()) {
            return delta;
        }
        return uploadAttack.craft(delta, rng);
    }

    /** What a free-rider uploads instead of a trained change. */
    public float[] freeRide(int length, float[] previousUpload, SplittableRandom rng) {
        return freeRide.fakeUpload(length, previousUpload, rng);
    }

    /** The participant's ballot: honest scores, or the rigged ones of a dishonest voter. */
    public Map<Integer, Double> ballot(Map<Integer, Double> honestScores, Set<Integer> coalition, int round) {
        if (ballotRigging == null || round < ballotRigging.startRound()) {
            return honestScores;
        }
        return ballotRigging.rig(honestScores, coalition);
    }
}
