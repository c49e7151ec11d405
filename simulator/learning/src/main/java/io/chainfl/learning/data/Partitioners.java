package io.chainfl.learning.data;

import io.chainfl.engine.config.PartitionConfig;

/** The one place that maps a configured partition type to its implementation; register new ones here. */
public final class Partitioners {
    private Partitioners() {}

    public static Partitioner of(PartitionConfig config) {
        return switch (config.type()) {
            case IID -> new IidPartitioner();
            case DIRICHLET -> new DirichletPartitioner(config.alpha());
            case SHARDS -> new ShardsPartitioner(config.shardsPerParticipant());
            case QUANTITY -> new QuantityPartitioner(config.sigma());
        };
    }
}
