package io.chainfl.learning.data;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.seed.SeedStreams;
import java.nio.file.Path;

/**
 * What a cluster member computes from the run's config alone: the seed streams and the split as row numbers, with
 * the pool it indexes but no test set (the driver evaluates). A member copies a participant's share out of the pool
 * only when Cluster Sharding starts that participant's entity there ({@link FederatedSplit#share}), so it holds the
 * pool plus the shares of the entities it hosts now, not every share of the run.
 */
public record MemberInputs(RunConfig config, SeedStreams seeds, ParticipantShares shares) {

    public static MemberInputs of(RunConfig config) {
        return of(config, DataCache.directory());
    }

    /** @param cacheDir where downloaded data sets are kept (tests point it at a temporary folder) */
    public static MemberInputs of(RunConfig config, Path cacheDir) {
        SeedStreams seeds = new SeedStreams(config.seed());
        return new MemberInputs(config, seeds, FederatedDataBuilder.split(config, seeds, cacheDir).withoutTest());
    }
}
