package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * Inner product manipulation: every colluder uploads -epsilon times the benign mean, so the aggregate's inner
 * product with the true descent direction turns small or negative. A small epsilon hides among honest
 * updates (robust rules keep it); a large one reverses plain averaging outright.
 */
@Doc("uploads -epsilon * mean of the benign updates (needs them: omniscient coalition); Xie et al. 2020")
public record IpmParams(
        @Doc("fraction of participants in the coalition") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they attack") @Range(min = 1) Integer startRound,
        @Doc("scale of the reversed benign mean") @Range(min = 0, max = 1e6) Double epsilon) implements CoalitionAttack.SharedUpload {

    public IpmParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 1 : startRound;
        epsilon = epsilon == null ? 0.5 : epsilon;
    }

    @Override
    public float[] craft(float[][] benign, float[][] own) {
        double[] mean = Stats.mean(benign);
        float[] upload = new float[mean.length];
        for (int j = 0; j < upload.length; j++) {
            upload[j] = (float) (-epsilon * mean[j]);
        }
        return upload;
    }
}
