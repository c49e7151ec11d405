package io.chainfl.scenarios;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.config.ScenarioParams;
import io.chainfl.engine.kernel.VirtualTime;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.engine.metrics.MetricDeclarations;
import io.chainfl.engine.privacy.PrivacyAccountant;
import java.util.List;
import java.util.Set;

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

    /**
     * The metrics its own series adds to {@code metrics.csv}, in column order: the emitters' {@link Metric} constants,
     * so what is declared is what is filled (the recorder refuses anything else).
     */
    List<Metric> metrics();

    /** Metrics for these params, when they depend on the config (e.g. one balance column per configured agent). */
    default List<Metric> metrics(P params) {
        return metrics();
    }

    /** Metrics for a whole run, when they depend on more than the scenario section (e.g. a backdoor adversary adds its success rate). */
    default List<Metric> metrics(RunConfig config) {
        return metrics(paramsType().cast(config.scenario()));
    }

    /**
     * The columns a run of {@code config} adds to {@code metrics.csv} for this scenario's series: {@link #metrics(RunConfig)},
     * with a privacy section the accountant's cumulative epsilon ({@link PrivacyAccountant#EPSILON}, filled by the round
     * timeline) and, last, the clock's time ({@link VirtualTime#METRIC}), which every scenario's rounds or days carry.
     */
    default List<Metric> recordedMetrics(RunConfig config) {
        List<Metric> metrics = new java.util.ArrayList<>(metrics(config));
        if (config.privacy() != null) {
            metrics.add(PrivacyAccountant.EPSILON);
        }
        metrics.add(VirtualTime.METRIC);
        return List.copyOf(metrics);
    }

    /** Columns a run of {@code config} adds to {@code participants.csv} (fedavg's rewards: valuation and payout); none by default. */
    default List<Metric> participantMetrics(RunConfig config) {
        return List.of();
    }

    /** The column names of {@link #recordedMetrics(RunConfig)}, in order. */
    default List<String> metricColumns(RunConfig config) {
        return recordedMetrics(config).stream().map(Metric::name).toList();
    }

    /**
     * What a run's recorder accepts: this scenario's series with its {@link #recordedMetrics}, and {@code baselines}
     * (series declaring only the clock's time).
     */
    default MetricDeclarations metricDeclarations(RunConfig config, List<String> baselines) {
        MetricDeclarations.Builder declarations = MetricDeclarations.builder().series(series(paramsType().cast(config.scenario())), recordedMetrics(config))
                .participantColumns(participantMetrics(config));
        baselines.forEach(b -> declarations.series(b, List.of(VirtualTime.METRIC)));
        return declarations.build();
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

    /**
     * The adversary kinds this protocol gives a meaning to: registered params records, or behaviour interfaces they
     * implement (e.g. {@code UpdateAttack} covers every upload attack, present and future). None by default;
     * {@link ScenarioRegistry#checkAdversaries} refuses any other {@code adversaries:} entry before the run starts.
     */
    default Set<Class<?>> supportedAdversaries() {
        return Set.of();
    }

    /** Series name for these params, when a setting renames it (SecCL without election reports as "seccl-fedavg"). */
    default String series(P params) {
        return series();
    }

    /**
     * Whether its rounds take device time from the config's {@code devices} section (docs/virtual-time.md); a run of a
     * scenario that does not is refused when the section is there, rather than ignoring it.
     */
    default boolean modelsDevices() {
        return false;
    }

    /** Whether the scenario costs the server's own work on its device ({@code devices.server_work}); refused with one line where not. */
    default boolean modelsServerWork() {
        return false;
    }

    /** Whether clustered runs ({@code --cluster}) can place its participants on other members; by default they cannot. */
    default Clustering clustering() {
        return new Clustering.OneJvmOnly("scenario.type " + name() + " runs in one JVM only");
    }

    /** Runs all rounds, reporting each to {@code context.listener()}. */
    void run(ScenarioContext context, P params);

    /** Type-safe bridge for callers holding a {@code Scenario<?>} and the params bound for it. */
    default void runUnchecked(ScenarioContext context, ScenarioParams params) {
        ScenarioRegistry.checkAdversaries(this, context.config());
        run(context, paramsType().cast(params));
    }
}
