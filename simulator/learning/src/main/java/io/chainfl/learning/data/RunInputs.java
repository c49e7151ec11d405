package io.chainfl.learning.data;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.model.KernelWarmUp;
import java.nio.file.Path;

/**
 * What a run computes from its config alone before the first round: the seed streams and the federated data,
 * with the server's root set held out when the scenario asks for one. The driver and the benchmarks build it here,
 * and every cluster member its {@link MemberInputs} from the same {@link FederatedDataBuilder#split}, so no JVM of a
 * run can train on another split than the others.
 */
public record RunInputs(RunConfig config, SeedStreams seeds, FederatedData data) {

    public static RunInputs of(RunConfig config) {
        return of(config, DataCache.directory());
    }

    /** @param cacheDir where downloaded data sets are kept (tests point it at a temporary folder) */
    public static RunInputs of(RunConfig config, Path cacheDir) {
        // the kernels compile on the core the loading leaves free, instead of during the first round's training
        KernelWarmUp.startOnce(config.model());
        SeedStreams seeds = new SeedStreams(config.seed());
        return new RunInputs(config, seeds, FederatedDataBuilder.build(config, seeds, cacheDir));
    }
}
