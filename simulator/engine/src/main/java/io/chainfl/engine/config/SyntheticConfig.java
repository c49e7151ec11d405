package io.chainfl.engine.config;

public record SyntheticConfig(
        @Doc("number of samples generated (train pool plus test)") @Range(min = 10, max = 100_000_000) Integer samples,
        @Doc("feature dimension") @Range(min = 1, max = 100_000) Integer features,
        @Doc("number of classes (one Gaussian cluster each)") @Range(min = 2, max = 1000) Integer classes,
        @Doc("distance scale between class means, in units of the noise standard deviation") @Range(min = 0, max = 1000) Double separation) {

    public SyntheticConfig {
        samples = samples == null ? 10_000 : samples;
        features = features == null ? 20 : features;
        classes = classes == null ? 10 : classes;
        separation = separation == null ? 3.0 : separation;
    }

    public static SyntheticConfig defaults() {
        return new SyntheticConfig(null, null, null, null);
    }
}
