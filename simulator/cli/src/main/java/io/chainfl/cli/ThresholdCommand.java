package io.chainfl.cli;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.ConfigException;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.config.ThresholdConfig;
import io.chainfl.cli.expect.Bisection;
import io.chainfl.engine.config.Comparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "threshold", mixinStandardHelpOptions = true,
        description = {"Find by bisection the smallest value of a config key at which a metric breaks.",
            "Breaking: the metric (mean over the seeds) falls by more than --drop below its value at --reference (default --lo), e.g.",
            "  chainfl threshold configs/regression/median-breaking-point.yaml --param adversaries.0.fraction --drop 0.05 --hi 0.6",
            "Assumes the metric falls as the value grows. Runs go to DIR/PARAM=VALUE-seedN; each value and seed runs once."})
final class ThresholdCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "scenario YAML (its variants and baseline are left out)")
    Path file;

    @Option(names = "--param", required = true, split = ",", paramLabel = "KEY.PATH",
            description = "config key to vary, e.g. adversaries.0.fraction; several (comma-separated or repeated) take the same value")
    List<String> params;

    @Option(names = "--metric", defaultValue = "final_accuracy", paramLabel = "final_COLUMN",
            description = "final_accuracy (default), final_macro_f1 or final_COLUMN of metrics.csv")
    String metric;

    @Option(names = "--series", paramLabel = "NAME", description = "series the metric is read from (default: the scenario's own)")
    String series;

    @Option(names = "--drop", defaultValue = "0.05", paramLabel = "D", description = "how far the metric may fall below the reference (default 0.05)")
    double drop;

    @Option(names = "--lo", defaultValue = "0", paramLabel = "A", description = "lower end of the search (default 0)")
    double lo;

    @Option(names = "--hi", defaultValue = "1", paramLabel = "B", description = "upper end of the search (default 1)")
    double hi;

    @Option(names = "--reference", paramLabel = "R", description = "value whose metric is the reference (default: --lo)")
    Double reference;

    @Option(names = "--tolerance", defaultValue = "0.05", paramLabel = "T", description = "stop when the bracket is at most this wide (default 0.05)")
    double tolerance;

    @Option(names = "--seeds", split = ",", paramLabel = "N,N,...", description = "seeds to average over (default: the config's seed)")
    List<Long> seeds;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for the runs (default: output.dir/NAME-threshold)")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        RunConfig config = Configs.load(file, overrides);
        ThresholdConfig threshold;
        try {
            threshold = new ThresholdConfig(String.join(",", params), metric, series, drop, lo, hi, reference, tolerance);
        } catch (IllegalArgumentException e) {
            throw new UserError("chainfl threshold: " + e.getMessage());
        }
        if (!(drop > 0) || !(tolerance > 0)) {
            throw new UserError("chainfl threshold: --drop and --tolerance must be > 0");
        }
        List<Long> seedList = seeds == null || seeds.isEmpty() ? List.of(config.seed()) : List.copyOf(seeds);
        Path dir = out != null ? out : Path.of(config.output().dir()).resolve(config.name() + "-threshold");
        ThresholdSearch search = new ThresholdSearch(config, new RunOrchestrator(System.err, false), dir);
        search.validate(file.toString(), threshold);

        Bisection.Result result = search.search(threshold, seedList);
        String tried = result.evaluated().entrySet().stream()
                .map(e -> Comparison.format(e.getKey()) + " -> " + Comparison.format(e.getValue()))
                .collect(Collectors.joining(", "));
        String runs = result.evaluated().size() + " values x " + seedList.size() + " seeds = " + search.runs() + " runs";
        String reference = threshold.metric() + " at " + threshold.param() + " = " + Comparison.format(threshold.reference()) + ": "
                + Comparison.format(result.referenceValue()) + " (mean over seeds " + seedList + "); breaking means below " + Comparison.format(result.limit());
        switch (result.status()) {
            case HOLDS_AT_HI -> throw new ConfigException(file + ": " + threshold.metric() + " does not fall by more than " + Comparison.format(drop)
                    + " anywhere up to --hi " + Comparison.format(hi) + " (" + reference + "; tried " + tried + "); raise --hi or lower --drop");
            case BREAKS_AT_LO -> throw new ConfigException(file + ": " + threshold.metric() + " already falls by more than " + Comparison.format(drop)
                    + " at --lo " + Comparison.format(lo) + " (" + reference + "; tried " + tried + "); lower --lo or move --reference");
            case FOUND -> {
                System.out.println("threshold " + threshold.param() + " = " + Comparison.format(result.threshold())
                        + "  bracket [" + Comparison.format(result.lastHolding()) + " holds, " + Comparison.format(result.firstBreaking()) + " breaks]");
                System.out.println(reference);
                System.out.println("tried: " + tried);
                System.out.println(runs + "; runs in " + dir.toAbsolutePath().normalize());
            }
        }
        return 0;
    }
}
