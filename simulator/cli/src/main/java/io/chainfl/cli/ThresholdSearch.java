package io.chainfl.cli;

import io.chainfl.engine.config.ConfigException;
import io.chainfl.engine.config.ConfigLoader;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.config.ThresholdConfig;
import io.chainfl.cli.expect.Bisection;
import io.chainfl.engine.config.Comparison;
import io.chainfl.engine.config.ExpectValidator;
import io.chainfl.cli.expect.ThresholdSearcher;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunResult;
import io.chainfl.scenarios.ScenarioRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the config at parameter values chosen by {@link Bisection}: each value and seed once (cached within the
 * search), into {@code DIR/PARAM=VALUE-seedN}, the mean over the seeds being the metric. The file's variants and
 * the centralized baseline are left out: the search varies the base config.
 */
final class ThresholdSearch implements ThresholdSearcher {
    private final RunConfig base;
    private final RunOrchestrator orchestrator;
    private final Path dir;
    private final Map<String, Double> cache = new HashMap<>();

    ThresholdSearch(RunConfig config, RunOrchestrator orchestrator, Path dir) {
        this.base = config.withoutVariants();
        this.orchestrator = orchestrator;
        this.dir = dir;
    }

    /** How many scenario runs the searches so far took. */
    int runs() {
        return cache.size();
    }

    /** Fails with a one-line error, before anything runs, if the search cannot set its parameter or read its metric. */
    void validate(String where, ThresholdConfig threshold) {
        RunConfig atLo;
        try {
            atLo = configAt(threshold, threshold.lo(), base.seed());
        } catch (ConfigException e) {
            throw new ConfigException(where + ".param: cannot set " + threshold.param() + " on the config without its variants: " + e.getMessage());
        }
        String series = seriesOf(threshold, atLo);
        var scenario = ScenarioRegistry.forParams(atLo.scenario());
        Map<String, Set<String>> columns = Map.of(scenario.series(), new java.util.LinkedHashSet<>(scenario.metricColumns(atLo)));
        ExpectValidator.requireSeries(where + ".series", series, columns);
        ExpectValidator.requireColumn(where + ".metric", threshold.column(), series, columns.get(series));
    }

    @Override
    public Bisection.Result search(ThresholdConfig threshold, List<Long> seeds) {
        return Bisection.search(x -> meanOverSeeds(threshold, x, seeds), threshold.lo(), threshold.hi(), threshold.reference(),
                threshold.drop(), threshold.tolerance());
    }

    private double meanOverSeeds(ThresholdConfig threshold, double value, List<Long> seeds) {
        double sum = 0;
        for (long seed : seeds) {
            String key = threshold.param() + "=" + value + "|" + threshold.column() + "|" + threshold.series() + "|" + seed;
            Double cached = cache.get(key);
            if (cached == null) {
                cached = run(threshold, value, seed);
                cache.put(key, cached);
            }
            sum += cached;
        }
        return sum / seeds.size();
    }

    private double run(ThresholdConfig threshold, double value, long seed) {
        RunConfig config = configAt(threshold, value, seed);
        String folder = VariantRunner.folderName(threshold.params().get(0) + "=" + Comparison.format(value) + "-seed" + seed);
        RunResult result = orchestrator.run(config, dir.resolve(folder), true);
        String series = seriesOf(threshold, config);
        RoundMetrics last = result.last(series).orElseThrow(() -> new IllegalStateException("no rows of series " + series));
        return switch (threshold.column()) {
            case "accuracy" -> last.accuracy();
            case "macro_f1" -> last.macroF1();
            case "loss" -> last.loss();
            case "train_loss" -> last.trainLoss();
            default -> last.extra().getOrDefault(threshold.column(), Double.NaN);
        };
    }

    private RunConfig configAt(ThresholdConfig threshold, double value, long seed) {
        ConfigLoader loader = Configs.loader();
        List<String> overrides = new ArrayList<>();
        for (String param : threshold.params()) {
            overrides.add(param + "=" + value);
        }
        overrides.add("seed=" + seed);
        overrides.add("baseline.centralized=false");
        overrides.add("expect={}");
        return loader.parse(base.name() + " (" + threshold.param() + " = " + value + ")", loader.toYaml(base), overrides);
    }

    private static String seriesOf(ThresholdConfig threshold, RunConfig config) {
        return threshold.series() != null ? threshold.series() : ScenarioRegistry.forParams(config.scenario()).series();
    }
}
