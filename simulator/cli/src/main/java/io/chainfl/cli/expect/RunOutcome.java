package io.chainfl.cli.expect;

import io.chainfl.engine.metrics.RunResult;

/**
 * One finished run that assertions are evaluated over: which variant of the file it was (empty for a file
 * without variants) and which seed. Check runs, sweeps and hand-built test results all reduce to a list of these.
 */
public record RunOutcome(String variant, long seed, RunResult result) {
    public RunOutcome {
        variant = variant == null ? "" : variant;
    }
}
