package io.chainfl.cli.expect;

import io.chainfl.engine.config.ThresholdConfig;
import java.util.List;

/** Runs a threshold search (it needs to run scenarios, which the engine cannot); supplied by the command line. */
@FunctionalInterface
public interface ThresholdSearcher {
    Bisection.Result search(ThresholdConfig threshold, List<Long> seeds);

    ThresholdSearcher NONE = (threshold, seeds) -> {
        throw new IllegalStateException("no threshold searcher given for " + threshold.param());
    };
}
