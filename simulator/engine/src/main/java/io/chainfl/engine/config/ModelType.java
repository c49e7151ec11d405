package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum ModelType {
    @JsonProperty("softmax") SOFTMAX,
    @JsonProperty("mlp") MLP,
    @JsonProperty("cnn") CNN
}
