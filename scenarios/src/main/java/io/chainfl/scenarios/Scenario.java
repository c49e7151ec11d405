package io.chainfl.scenarios;

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

    /** Series name of the scenario's own rows in the metrics (baselines use other names). */
    default String series() {
        return name();
    }

    /** Runs all rounds, reporting each to {@code context.listener()}. */
    void run(ScenarioContext context, P params);

    /** Type-safe bridge for callers holding a {@code Scenario<?>} and the params bound for it. */
    default void runUnchecked(ScenarioContext context, ScenarioParams params) {
        run(context, paramsType().cast(params));
    }
}
