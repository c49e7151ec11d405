package io.chainfl.agents.adversary;

import io.chainfl.learning.data.Dataset;
import java.util.SplittableRandom;

/**
 * What one DBA attacker trains with: its own part of the global trigger stamped on a seeded poison_fraction of its
 * images, relabelled to the target. The draws are the backdoor's ({@link BackdoorParams#poisoned}, from the
 * participant's backdoor stream), so dba and backdoor with the same settings poison the same samples.
 */
record DbaAttack(DbaParams params, int part) implements TrainingDataAttack {
    @Override
    public Stage stage() {
        return Stage.POISON;
    }

    @Override
    public Integer startRound() {
        return params.startRound();
    }

    @Override
    public Dataset transform(Dataset own, SplittableRandom rng) {
        params.checkFits(own);
        return BackdoorParams.poisoned(own, params.poisonFraction(), params.target(), rng,
                (features, offset, shape) -> params.stampPart(part, features, offset, shape), "-dba-part" + part);
    }
}
