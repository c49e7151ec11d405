package io.chainfl.engine.config;

public record PartitionConfig(
        @Doc("iid, dirichlet (label skew), shards (pathological), quantity (size skew)") PartitionType type,
        @Doc("Dirichlet concentration; smaller is more skewed") @Range(min = 0, max = 1e6, exclusiveMin = true) Double alpha,
        @Doc("label-sorted shards given to each participant (shards partitioner)") @Range(min = 1, max = 100) Integer shardsPerParticipant,
        @Doc("sigma of the log-normal participant sizes (quantity partitioner)") @Range(min = 0, max = 10) Double sigma) {

    public PartitionConfig {
        type = type == null ? PartitionType.IID : type;
        alpha = alpha == null ? 0.5 : alpha;
        shardsPerParticipant = shardsPerParticipant == null ? 2 : shardsPerParticipant;
        sigma = sigma == null ? 1.0 : sigma;
    }

    public static PartitionConfig defaults() {
        return new PartitionConfig(null, null, null, null);
    }
}
