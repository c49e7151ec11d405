package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * "A little is enough": every colluder uploads mean - z * std of the benign updates, per coordinate. The
 * shift stays inside the spread of honest values, so median- and distance-based rules keep it, yet it pulls
 * every coordinate the same way round after round.
 */
@Doc("uploads mean - z * std of the benign updates per coordinate (needs them: omniscient coalition); Baruch et al. 2019")
public record AlieParams(
        @Doc("fraction of participants in the coalition") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they attack") @Range(min = 1) Integer startRound,
        @Doc("how many standard deviations to shift; unset: the paper's z_max from n and f") @Range(min = 0, max = 1e6) Double z)
        implements CoalitionAttack.SharedUpload {

    public AlieParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 1 : startRound;
    }

    @Override
    public float[] craft(float[][] benign, float[][] own) {
        int n = benign.length + own.length;
        double shift = z != null ? z : zMax(n, own.length);
        double[] mean = Stats.mean(benign);
        // with a single benign update there is no spread to hide in: the sample std would be NaN
        double[] std = benign.length > 1 ? Stats.sampleStd(benign, mean) : new double[mean.length];
        float[] upload = new float[mean.length];
        for (int j = 0; j < upload.length; j++) {
            upload[j] = (float) (mean[j] - std[j] * shift);
        }
        return upload;
    }

    /**
     * The paper's z_max: the colluders need s = floor(n/2 + 1) - f honest "supporters" on their side of the
     * mean, so z is the standard normal quantile of (n - s) / n.
     */
    static double zMax(int n, int f) {
        int supporters = n / 2 + 1 - f;
        double p = Math.min(Math.max((n - supporters) / (double) n, 1e-6), 1 - 1e-6);
        return NormalQuantile.of(p);
    }
}
