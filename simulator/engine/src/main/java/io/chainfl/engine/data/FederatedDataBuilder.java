package io.chainfl.engine.data;

import io.chainfl.engine.config.DataConfig;
import io.chainfl.engine.seed.SeedStreams;

/** Loads the configured source, holds out the test set, partitions the pool and splits off validation sets. */
public final class FederatedDataBuilder {
    private FederatedDataBuilder() {}

    public static FederatedData build(DataConfig config, int participants, SeedStreams seeds) {
        throw new UnsupportedOperationException("TODO: data");
    }
}
