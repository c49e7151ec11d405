package io.chainfl.engine.config;

public record SyntheticConfig(
        @Doc("number of samples generated (train pool plus test; with per_participant, the test set alone)") @Range(min = 10, max = 100_000_000) Integer samples,
        @Doc("feature dimension") @Range(min = 1, max = 100_000) Integer features,
        @Doc("number of classes (one Gaussian cluster each)") @Range(min = 2, max = 1000) Integer classes,
        @Doc("distance scale between class means, in units of the noise standard deviation") @Range(min = 0, max = 1000) Double separation,
        @Doc("samples generated for each participant from its own seed stream when it trains (train plus validation), instead of one"
                + " pool partitioned up front: no participant's data is held between rounds, so a run scales to a million participants"
                + " (needs partition iid; 0 = one pool)") @Range(min = 0, max = 1_000_000) Integer perParticipant) {

    public SyntheticConfig {
        samples = samples == null ? 10_000 : samples;
        features = features == null ? 20 : features;
        classes = classes == null ? 10 : classes;
        separation = separation == null ? 3.0 : separation;
        perParticipant = perParticipant == null ? 0 : perParticipant;
    }

    /** One pool partitioned among the participants. */
    public SyntheticConfig(Integer samples, Integer features, Integer classes, Double separation) {
        this(samples, features, classes, separation, null);
    }

    public static SyntheticConfig defaults() {
        return new SyntheticConfig(null, null, null, null, null);
    }

    /** Each participant's data is generated from its own stream when needed rather than cut from one pool. */
    public boolean generatedPerParticipant() {
        return perParticipant > 0;
    }
}
