package io.chainfl.learning.data;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.seed.SeedStreams;
import java.nio.file.Path;

/**
 * What a cluster member computes from the run's config alone: the seed streams and the participants' shares, without
 * the test set (the driver evaluates). With 8-bit pixel data a member keeps the pool coded, one byte per value, and
 * copies a participant's share out only when Cluster Sharding starts that participant's entity there, so it holds a
 * quarter of the pool plus the shares of the entities it hosts now ({@link FederatedSplit#forMember}).
 */
public record MemberInputs(RunConfig config, SeedStreams seeds, ParticipantShares shares) {

    public static MemberInputs of(RunConfig config) {
        return of(config, DataCache.directory());
    }

    /** @param cacheDir where downloaded data sets are kept (tests point it at a temporary folder) */
    public static MemberInputs of(RunConfig config, Path cacheDir) {
        SeedStreams seeds = new SeedStreams(config.seed());
        return new MemberInputs(config, seeds, FederatedDataBuilder.memberShares(config, seeds, cacheDir));
    }
}
