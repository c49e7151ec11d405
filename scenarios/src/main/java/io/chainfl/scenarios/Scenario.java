package io.chainfl.scenarios;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.config.ScenarioParams;
import java.util.List;

/**
 * A protocol a researcher can run from YAML. Adding one means writing this class and its params record and
 * listing it in {@link ScenarioRegistry}; nothing else changes.
 *
 * @param <P> the record bound from the YAML {@code scenario:} section
 */
public interface Scenario<P extends ScenarioParams> {
    /** The value of {@code scenario.type} that selects it. */
    String name();

    String description();

    Class<P> paramsType();

    /** Scenario-specific columns it adds to {@code metrics.csv}, in order. */
    List<String> metricColumns();

    /** Columns for these params, when they depend on the config (e.g. one balance column per configured agent). */
    default List<String> metricColumns(P params) {
        return metricColumns();
    }

    /** Columns for a whole run, when they depend on more than the scenario section (e.g. a backdoor adversary adds its success rate). */
    default List<String> metricColumns(RunConfig config) {
        return metricColumnsUnchecked(config.scenario());
    }

    /** Type-safe bridge for {@link #metricColumns(ScenarioParams)} callers holding a {@code Scenario<?>}. */
    default List<String> metricColumnsUnchecked(ScenarioParams params) {
        return metricColumns(paramsType().cast(params));
    }

    /** How many metric rows a run reports, for the progress bar: the rounds, or the days of a time-driven scenario. */
    default int reportedRounds(RunConfig config, P params) {
        return config.rounds();
    }

    default int reportedRoundsUnchecked(RunConfig config, ScenarioParams params) {
        return reportedRounds(config, paramsType().cast(params));
    }

    /** Series name of the scenario's own rows in the metrics (baselines use other names). */
    default String series() {
        return name();
    }

    /** Whether clustered runs ({@code --cluster}) can place its participants on other members; by default they cannot. */
    default Clustering clustering() {
        return new Clustering.OneJvmOnly("scenario.type " + name() + " runs in one JVM only");
    }

    /** Runs all rounds, reporting each to {@code context.listener()}. */
    void run(ScenarioContext context, P params);

    /** Type-safe bridge for callers holding a {@code Scenario<?>} and the params bound for it. */
    default void runUnchecked(ScenarioContext context, ScenarioParams params) {
        run(context, paramsType().cast(params));
    }
}
