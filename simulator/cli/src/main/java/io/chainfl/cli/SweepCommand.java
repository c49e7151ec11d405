package io.chainfl.cli;

import io.chainfl.scenarios.run.Simulation;
import io.chainfl.engine.UserError;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.MeanInterval;
import io.chainfl.engine.metrics.RoundMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run every point of a config's sweep: block (grid values x seeds) in parallel.",
            "Each point is a complete run folder DIR/<label>-<config hash>/; then it writes sweep.csv (every run, series and round),",
            "sweep-summary.csv (one row per run) and sweep-<y>.png (mean over seeds, 95% confidence band).",
            "Finished runs (same config hash, summary.json present) are skipped unless --force."})
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "scenario YAML with a sweep: block")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "sweep folder (default: output.dir/NAME-sweep)")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "runs at once (default: the number of cores); each run trains with cores/N threads")
    Integer jobs;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key, e.g. --set rounds=5 or --set sweep.repeats=5 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--force", description = "rerun runs that already finished")
    boolean force;

    @Option(names = "--dry-run", description = "list the runs and their folders without running anything")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RunConfig config = Configs.load(file, overrides);
        List<SweepPlan.Point> points = SweepPlan.expand(config, file);
        Path dir = out != null ? out : Path.of(config.output().dir()).resolve(config.name() + "-sweep");
        if (dryRun) {
            points.forEach(p -> System.out.printf("%4d  %s%n", p.index(), dir.resolve(p.folderName())));
            System.out.println(points.size() + " runs");
            return 0;
        }
        int parallel = jobs != null ? jobs : SweepRunner.defaultJobs();
        SweepRunner.Outcome outcome = SweepFolder.run(config, points, dir,
                new SweepRunner.Options(parallel, force, System.err, System.console() != null),
                spec.commandLine().getParseResult().originalArgs(), System.err);
        List<String> gridKeys = new ArrayList<>(config.sweep().grid().keySet());
        printFinalAccuracies(outcome, gridKeys);
        System.out.printf("%d runs, %d skipped (already finished)%n", outcome.points().size(), outcome.skipped());
        System.out.println("results: " + dir.toAbsolutePath().normalize());
        return 0;
    }

    /** Final accuracy of every grid point and run series: mean over seeds with its 95% confidence interval. */
    private static void printFinalAccuracies(SweepRunner.Outcome outcome, List<String> gridKeys) {
        Map<String, List<Double>> finals = new LinkedHashMap<>();
        for (SweepRunner.PointResult r : outcome.points()) {
            StringBuilder label = new StringBuilder();
            gridKeys.forEach(k -> label.append(k).append('=').append(r.point().values().get(k)).append("  "));
            for (String series : r.result().series()) {
                String key = series.equals(Simulation.BASELINE_SERIES) ? series : label + series;
                r.result().last(series).map(RoundMetrics::accuracy).ifPresent(a -> finals.computeIfAbsent(key, k -> new ArrayList<>()).add(a));
            }
        }
        finals.forEach((label, values) -> {
            MeanInterval ci = MeanInterval.of95(values.stream().mapToDouble(Double::doubleValue).toArray());
            System.out.printf(Locale.ROOT, "%-60s final accuracy %.4f  95%% CI [%.4f, %.4f]  n=%d%n", label, ci.mean(), ci.lower(), ci.upper(), ci.n());
        });
    }

    static void refuseSweepIn(RunConfig config, Path file) {
        if (!config.sweep().isEmpty()) {
            throw new UserError((file == null ? Configs.EMBEDDED_NAME : file) + ": has a sweep: block; run it with 'chainfl sweep "
                    + (file == null ? "FILE" : file) + "', or drop the block (--set sweep={}) for a single run");
        }
    }
}
