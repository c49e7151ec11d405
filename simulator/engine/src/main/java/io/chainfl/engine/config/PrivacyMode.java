package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who clips and noises the participants' updates (docs/privacy.md). */
public enum PrivacyMode {
    /**
     * DP-FedAvg (McMahan et al. 2018): the server clips every upload, sums them, adds Gaussian noise to the sum and
     * divides by the expected number of uploads; participants are protected from whoever sees the new global model.
     */
    @JsonProperty("central") CENTRAL,
    /** Each participant clips and noises its own update before it uploads (or encrypts) it; protected from the server too. */
    @JsonProperty("local") LOCAL
}
