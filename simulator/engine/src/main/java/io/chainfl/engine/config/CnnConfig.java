package io.chainfl.engine.config;

import java.util.List;

/**
 * A small CNN: for each entry of {@code filters} a conv layer (kernel x kernel, same padding, ReLU)
 * followed by max-pooling, then dense ReLU layers, then a softmax output. The defaults give DeepChain's
 * shape on 28x28 digits: conv(10 filters 3x3) -> max-pool 2 -> FC 1960x128 -> FC 128x10.
 */
public record CnnConfig(
        @Doc("output channels of each conv layer") @Range(min = 1, max = 512) List<Integer> filters,
        @Doc("square kernel size of every conv layer (same padding)") @Range(min = 1, max = 11) Integer kernel,
        @Doc("max-pool window and stride after each conv layer") @Range(min = 1, max = 8) Integer pool,
        @Doc("widths of the dense hidden layers after the conv stack") @Range(min = 1, max = 8192) List<Integer> dense) {

    public CnnConfig {
        filters = filters == null ? List.of(10) : List.copyOf(filters);
        kernel = kernel == null ? 3 : kernel;
        pool = pool == null ? 2 : pool;
        dense = dense == null ? List.of(128) : List.copyOf(dense);
    }

    public static CnnConfig defaults() {
        return new CnnConfig(null, null, null, null);
    }
}
