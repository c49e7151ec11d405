package io.chainfl.engine.config;

import java.util.List;

public record ModelConfig(
        @Doc("softmax (multinomial logistic regression), mlp or cnn") ModelType type,
        @Doc("hidden layer widths of the mlp") @Range(min = 1, max = 8192) List<Integer> hidden,
        @Doc("cnn layer shapes (used when type is cnn)") CnnConfig cnn) {

    public ModelConfig {
        type = type == null ? ModelType.SOFTMAX : type;
        hidden = hidden == null ? List.of(128) : List.copyOf(hidden);
        cnn = cnn == null ? CnnConfig.defaults() : cnn;
    }

    public static ModelConfig defaults() {
        return new ModelConfig(null, null, null);
    }
}
