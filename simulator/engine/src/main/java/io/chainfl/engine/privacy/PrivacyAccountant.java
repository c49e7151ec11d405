package io.chainfl.engine.privacy;

import io.chainfl.engine.config.PrivacyConfig;
import io.chainfl.engine.config.PrivacyMode;
import io.chainfl.engine.metrics.Metric;

/**
 * A run's privacy budget: the cumulative epsilon at the configured delta after each round, the {@value #COLUMN}
 * column of {@code metrics.csv} when the config has a {@code privacy} section. One round is one step of the
 * Gaussian mechanism ({@link RdpAccountant}, improved conversion):
 * <ul>
 * <li>central (DP-FedAvg): the noisy sum has sensitivity clip_norm and noise multiplier z, each participant present
 * with the round's sampling rate q (participants asked / participants). The simulator samples a fixed number of
 * participants without replacement; the bound is the one for Poisson sampling at the same rate, the approximation
 * TensorFlow Privacy's tutorials make for fixed batches. With every participant asked (q = 1) it is exact.</li>
 * <li>local: each upload is a Gaussian mechanism on the participant's own clipped update. Any two updates a participant
 * could send differ by up to twice the clip norm, so the noise multiplier against that sensitivity is z / 2; the server
 * sees who uploads, so no amplification by sampling (q = 1); and the bound assumes the participant uploads every round
 * (an upper bound for one sampled less often).</li>
 * </ul>
 * The epsilon is a function of the round number alone, so resumed and clustered runs report the same bits.
 */
public final class PrivacyAccountant {
    public static final String COLUMN = "dp_epsilon";
    public static final Metric EPSILON = new Metric(COLUMN, "epsilon",
            "cumulative (epsilon, delta)-DP of the participants' updates after the round, at privacy.delta (Rényi DP accountant, docs/privacy.md)");

    private final double[] perRound;
    private final double delta;
    private final double samplingRate;
    private final double noiseMultiplier;

    private PrivacyAccountant(double samplingRate, double noiseMultiplier, double delta) {
        this.samplingRate = samplingRate;
        this.noiseMultiplier = noiseMultiplier;
        this.delta = delta;
        this.perRound = RdpAccountant.sampledGaussian(samplingRate, noiseMultiplier, RdpAccountant.DEFAULT_ORDERS);
    }

    /** @param samplingRate the fraction of participants a round asks for (central mode's q; local mode ignores it) */
    public static PrivacyAccountant of(PrivacyConfig privacy, double samplingRate) {
        if (privacy.mode() == PrivacyMode.LOCAL) {
            return new PrivacyAccountant(1.0, privacy.noiseMultiplier() / 2, privacy.delta());
        }
        return new PrivacyAccountant(samplingRate, privacy.noiseMultiplier(), privacy.delta());
    }

    /** The sampling rate q the bound uses. */
    public double samplingRate() {
        return samplingRate;
    }

    /** The noise multiplier against the mechanism's sensitivity (local mode: half the configured one). */
    public double noiseMultiplier() {
        return noiseMultiplier;
    }

    /** Epsilon after {@code rounds} rounds, at the configured delta. */
    public double epsilonAfter(int rounds) {
        return RdpAccountant.epsilon(RdpAccountant.DEFAULT_ORDERS, RdpAccountant.composed(perRound, rounds), delta, RdpAccountant.Conversion.IMPROVED)
                .epsilon();
    }
}
