package io.chainfl.cli;

import io.chainfl.engine.run.RunFolder;
import io.chainfl.engine.config.AssertionConfig;
import io.chainfl.engine.config.ExpectConfig;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.cli.expect.AssertionResult;
import io.chainfl.cli.expect.Expectations;
import io.chainfl.engine.config.ExpectValidator;
import io.chainfl.cli.expect.RunOutcome;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Run a scenario YAML and check its expect: assertions (exit 0 hold, 1 fail, 2 bad input).",
            "Every variant runs for every seed of the expect: block. Prints a table, writes checks.json and junit.xml into the check folder.",
            "Exit codes: 0 every assertion holds, 1 one or more fail, 2 bad input (checked before anything runs)."})
final class CheckCommand implements Callable<Integer> {
    static final int EXIT_FAILED = 1;

    @Parameters(index = "0", paramLabel = "FILE", description = "scenario YAML with an expect: block")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "check folder (default: output.dir/NAME-check); one seed runs into it, several into DIR/seed-N")
    Path out;

    @Option(names = "--junit", paramLabel = "FILE", description = "JUnit XML report (default: DIR/junit.xml)")
    Path junit;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key, e.g. --set expect.seeds=[1,2] (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "threads training participants at once (results do not change)")
    Integer threads;

    @Override
    public Integer call() {
        Stopwatch clock = Stopwatch.start();
        List<String> all = new ArrayList<>(overrides);
        if (threads != null) {
            all.add("runtime.threads=" + threads);
        }
        RunConfig config = Configs.load(file, all);
        List<Long> seeds = seedsToCheck(file, config);
        Path dir = out != null ? out : Path.of(config.output().dir()).resolve(config.name() + "-check");
        RunOrchestrator orchestrator = new RunOrchestrator(System.err, false);

        Checked checked = runAndEvaluate(file, config, seeds, orchestrator, dir);
        List<AssertionResult> results = checked.results();
        String configName = file.toString();
        Path junitFile = junit != null ? junit : dir.resolve("junit.xml");
        writeJunit(junitFile, CheckReports.junitXml(configName, config.name(), results, clock.elapsedMillis() / 1000.0));
        ReportHook.refresh(dir);

        System.out.print(CheckReports.table(results));
        System.out.println("checks: " + dir.resolve(RunFolder.CHECKS).toAbsolutePath().normalize() + ", JUnit XML: " + junitFile.toAbsolutePath().normalize());
        return CheckReports.allPassed(results) ? 0 : EXIT_FAILED;
    }

    /** What a check ran and what its assertions measured. */
    record Checked(List<RunOutcome> outcomes, List<AssertionResult> results) {}

    /**
     * Validates the assertions, runs the file's variants once per seed into {@code dir} (and the threshold searches
     * into {@code dir/threshold}), evaluates the assertions and writes {@code checks.json}; shared with
     * {@code chainfl tables}, whose gate table shows what the gates measure.
     */
    static Checked runAndEvaluate(Path file, RunConfig config, List<Long> seeds, RunOrchestrator orchestrator, Path dir) {
        ExpectConfig expect = config.expect();
        ThresholdSearch thresholds = new ThresholdSearch(config, orchestrator, dir.resolve("threshold"));
        validateExpect(file, config, thresholds);

        boolean needsRuns = expect.assertions().stream().anyMatch(a -> !a.searchesThreshold());
        List<RunOutcome> outcomes = needsRuns ? new CheckRunner(orchestrator).runAll(config, seeds, dir) : List.of();
        List<AssertionResult> results = Expectations.evaluate(expect, seeds, outcomes, thresholds);
        createFolder(dir, "--out");
        RunFolder.writeAtomically(dir.resolve(RunFolder.CHECKS), CheckReports.checksJson(file.toString(), results));
        return new Checked(outcomes, results);
    }

    /**
     * {@code expect.seeds}, or else the seeds of a {@code sweep:} block that only repeats seeds, or else the
     * config's seed. A sweep grid is refused: an assertion names one series, and a grid point is not one.
     */
    static List<Long> seedsToCheck(Path file, RunConfig config) {
        if (!config.sweep().grid().isEmpty()) {
            throw new UserError((file == null ? Configs.EMBEDDED_NAME : file) + ": sweep.grid: chainfl check evaluates seeds and variants, not a grid;"
                    + " write the settings to compare as variants: (assertions name them), or drop the grid with --set sweep.grid={}");
        }
        if (!config.expect().seeds().isEmpty() || config.sweep().isEmpty()) {
            return config.expect().seedsOr(config.seed());
        }
        return config.sweep().seeds().isEmpty() ? SweepPlan.repeatSeeds(config.seed(), Math.max(1, config.sweep().repeats())) : config.sweep().seeds();
    }

    /** Every assertion names series, columns and parameters the runs will have: checked before anything runs. */
    static void validateExpect(Path file, RunConfig config, ThresholdSearch thresholds) {
        ExpectConfig expect = config.expect();
        ExpectValidator.validate(file.toString(), expect, CheckRunner.seriesColumns(config));
        for (int i = 0; i < expect.assertions().size(); i++) {
            AssertionConfig a = expect.assertions().get(i);
            if (a.searchesThreshold()) {
                thresholds.validate(file + ": expect.assertions[" + i + "].threshold", a.threshold());
            }
        }
    }

    private static void writeJunit(Path junitFile, String xml) {
        createFolder(junitFile.toAbsolutePath().getParent(), "--junit");
        RunFolder.writeAtomically(junitFile, xml);
    }

    private static void createFolder(Path folder, String option) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UserError(option + " " + folder + ": cannot create the folder (" + e.getMessage() + ")");
        }
    }
}
