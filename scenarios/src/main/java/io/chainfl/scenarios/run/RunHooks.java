package io.chainfl.scenarios.run;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.metrics.RunResult;
import io.chainfl.engine.run.RunFolder;
import java.util.List;

/**
 * What a caller of {@link Simulation} adds around a run without touching its results: a progress bar on the
 * way to the recorder, files written into the finished folder (charts, provenance). Every method has a
 * do-nothing default, so tests and cluster tools pass {@link #NONE}.
 */
public interface RunHooks {
    RunHooks NONE = new RunHooks() {};

    /**
     * Called once the data is built, before the first round.
     *
     * @param recorder where results must end up: the returned listener forwards everything to it
     * @return the listener the scenario reports to
     */
    default RunListener starting(RunPlan plan, RunListener recorder) {
        return recorder;
    }

    /** The run stopped before finishing (an error, or a stop the user asked for): e.g. end a progress line. */
    default void aborted() {}

    /** Where the run's virtual clock stopped once the scenario and the baseline finished (tests compare resumed runs with it). */
    default void clockStopped(long virtualTimeMillis) {}

    /**
     * Called with the results before {@code summary.json} marks the run finished.
     *
     * @param timings where wall-clock timings of this work go ({@code timing.csv})
     * @return the names of files the caller writes into the folder, listed in summary.json after the results
     */
    default List<String> finishing(RunConfig config, RunResult result, RunFolder folder, RunListener timings) {
        return List.of();
    }

    /**
     * What a run is about to do, for progress output.
     *
     * @param reportedRounds metric rows the run will report in all (scenario and baseline), for a progress bar
     */
    record RunPlan(RunConfig config, String scenario, RunFolder folder, int trainSamples, int testSamples, int reportedRounds) {}
}
