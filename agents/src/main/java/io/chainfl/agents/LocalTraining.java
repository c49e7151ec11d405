package io.chainfl.agents;

import io.chainfl.agents.adversary.Conduct;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.model.LocalTrainer;
import io.chainfl.learning.model.Model;
import io.chainfl.learning.model.TrainResult;
import io.chainfl.learning.privacy.LocalPrivacy;
import io.chainfl.engine.seed.SeedStreams;

/**
 * One participant's local step, shared by every protocol: start from the global parameters, train on the data
 * the participant's conduct prescribes (or free-ride), and return the change it uploads (crafted by a
 * model-poisoning conduct). Every random draw comes from a
 * stream named by (participant, round), so the outcome does not depend on thread or timing.
 */
public final class LocalTraining {
    private LocalTraining() {}

    /** The change to the global parameters and the mean training loss (NaN when nothing was trained). */
    public record Outcome(float[] delta, double trainLoss) {}

    public static Outcome run(Model model, ParticipantData data, TrainingConfig training, SeedStreams seeds, Conduct conduct,
                              int round, float[] global, float[] previousDelta) {
        return run(model, data, training, seeds, conduct, round, global, previousDelta, LocalPrivacy.NONE);
    }

    /**
     * As above, with local differential privacy: the trained change is clipped and noised ({@link LocalPrivacy}) before
     * the conduct sees it, so an honest participant uploads the private update and an attacker crafts from it (and
     * need not respect the bound). A free-rider trains nothing and has nothing to protect.
     */
    public static Outcome run(Model model, ParticipantData data, TrainingConfig training, SeedStreams seeds, Conduct conduct,
                              int round, float[] global, float[] previousDelta, LocalPrivacy privacy) {
        int id = data.participantId();
        if (conduct.skipsTraining(round)) {
            return new Outcome(conduct.freeRide(global.length, previousDelta, seeds.stream("adversary", id, "round", round)), Double.NaN);
        }
        model.setParams(global);
        TrainResult result = LocalTrainer.train(model, conduct.trainingData(data.train(), round, seeds.stream("adversary", id, "backdoor")), training,
                seeds.stream("participant", id, "round", round, "shuffle"));
        float[] local = model.params();
        float[] delta = new float[local.length];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = local[i] - global[i];
        }
        float[] upload = privacy.apply(delta, id, round);
        return new Outcome(conduct.upload(upload, round, seeds.stream("adversary", id, "round", round, "upload")), result.meanLoss());
    }
}
