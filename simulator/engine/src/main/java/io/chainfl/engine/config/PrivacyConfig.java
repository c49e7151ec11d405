package io.chainfl.engine.config;

/**
 * Differential privacy of the participants' updates, a switch for every protocol that has updates (docs/privacy.md).
 * Absent: no clipping, no noise and no {@code dp_epsilon} column, the run exactly as without the section.
 */
public record PrivacyConfig(
        @Doc("central: DP-FedAvg (McMahan et al. 2018), the server clips every upload to clip_norm, adds Gaussian noise of std"
                + " noise_multiplier x clip_norm to their sum and divides by the expected number of uploads (fedavg with aggregator fedavg);"
                + " local: each participant clips and noises its own update before uploading or encrypting it (fedavg with any aggregator, seccl, deepchain)")
        PrivacyMode mode,
        @Doc("L2 norm every update is clipped to") @Range(min = 0, exclusiveMin = true) Double clipNorm,
        @Doc("standard deviation of the Gaussian noise per coordinate, in units of clip_norm") @Range(min = 0, max = 1000, exclusiveMin = true)
        Double noiseMultiplier,
        @Doc("the delta of the (epsilon, delta) guarantee that metrics.csv's dp_epsilon column reports") @Range(min = 0, max = 0.1, exclusiveMin = true)
        Double delta) {

    public PrivacyConfig {
        mode = mode == null ? PrivacyMode.CENTRAL : mode;
        clipNorm = clipNorm == null ? 1.0 : clipNorm;
        noiseMultiplier = noiseMultiplier == null ? 1.0 : noiseMultiplier;
        delta = delta == null ? 1e-5 : delta;
    }
}
