package io.chainfl.cli;

import io.chainfl.cli.expect.AssertionResult;
import io.chainfl.cli.expect.RunOutcome;
import io.chainfl.cli.tables.MarkdownRegions;
import io.chainfl.cli.tables.TableFile;
import io.chainfl.cli.tables.TableMaker;
import io.chainfl.cli.tables.TableSpec;
import io.chainfl.engine.UserError;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.run.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes the README's results tables from runs (docs/tables.yaml says which configs, rows and columns), so that no
 * published number is typed by hand. {@code --check} is the CI side: it reruns the tables small enough for CI and
 * fails when their text differs from what is committed, and flags study tables whose configs changed since they were made.
 */
@Command(name = "tables", mixinStandardHelpOptions = true,
        description = {"Generate the README's results tables from runs (docs/tables.yaml), between <!-- table:ID --> markers.",
            "--check reruns the tables marked check: true and fails (exit 1) when the committed text differs; for the long",
            "study tables it checks that their configs are unchanged since they were generated (the hash in their last line)."})
final class TablesCommand implements Callable<Integer> {
    @Option(names = "--root", paramLabel = "DIR", description = "project root holding docs/tables.yaml and the configs (default: the current directory)")
    Path root = Path.of(".");

    @Option(names = "--only", paramLabel = "ID", description = "only these tables (repeatable)")
    List<String> only = new ArrayList<>();

    @Option(names = "--check", description = "compare instead of writing; exit 1 when a table is out of date")
    boolean check;

    @Option(names = "--out", paramLabel = "DIR", description = "where the runs go (default: runs/tables under the root)")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<TableSpec> tables = selected(TableFile.read(root.resolve(TableFile.PATH)).tables());
        Path outDir = out != null ? out : root.resolve("runs").resolve("tables");
        RunOrchestrator orchestrator = new RunOrchestrator(System.err, false);
        int outOfDate = 0;
        for (TableSpec table : tables) {
            Path file = root.resolve(table.fileOrDefault());
            String markdown = Files.readString(file);
            String committed = MarkdownRegions.read(markdown, table.id()).orElse(null);
            if (check && !table.check()) {
                String provenance = TableMaker.provenance(table, root);
                boolean fresh = committed != null && committed.contains(provenance);
                System.out.printf("%-24s %s%n", table.id(), fresh ? "study table, made from the current configs"
                        : "STALE: its configs changed since it was generated; rerun chainfl tables --only " + table.id());
                outOfDate += fresh ? 0 : 1;
                continue;
            }
            String text = TableMaker.make(table, root, (name, spec) -> runSeries(orchestrator, outDir.resolve(table.id()).resolve(name), spec));
            if (check) {
                boolean same = text.equals(committed);
                System.out.printf("%-24s %s%n", table.id(), same ? "up to date" : "DIFFERS from what this build produces:\n" + text);
                outOfDate += same ? 0 : 1;
            } else {
                RunFolder.writeAtomically(file, MarkdownRegions.replace(markdown, file, table.id(), text));
                System.out.printf("%-24s written into %s%n", table.id(), file);
            }
        }
        if (outOfDate > 0) {
            System.out.println(outOfDate + " table(s) out of date: regenerate with chainfl tables [--only ID] and commit the change with its reason");
            return CheckCommand.EXIT_FAILED;
        }
        return 0;
    }

    private TableMaker.RunData runSeries(RunOrchestrator orchestrator, Path dir, TableSpec.RunSpec spec) {
        List<String> overrides = new ArrayList<>(spec.set());
        overrides.add("output.charts=false");
        Path file = root.resolve(spec.config());
        RunConfig config = Configs.load(file, overrides);
        List<RunOutcome> outcomes;
        List<AssertionResult> assertions = List.of();
        if (spec.expect()) {
            if (spec.seed() != null) {
                throw new UserError(TableFile.PATH + ": run '" + spec.config() + "': expect: true runs the seeds of the config's expect: block;"
                        + " drop seed: or set expect.seeds with set:");
            }
            // the gate as chainfl check runs it: the same seeds, runs, threshold searches and checks.json
            CheckCommand.Checked checked = CheckCommand.runAndEvaluate(Path.of(spec.config()), config, CheckCommand.seedsToCheck(file, config),
                    orchestrator, dir);
            outcomes = checked.outcomes();
            assertions = checked.results();
        } else {
            outcomes = new CheckRunner(orchestrator).runAll(config, List.of(spec.seed() != null ? spec.seed() : config.seed()), dir);
        }
        Map<String, TableMaker.SeriesRounds> labelled = new LinkedHashMap<>();
        for (RunOutcome outcome : outcomes) {
            List<String> series = outcome.result().series();
            if (outcome.variant().isEmpty()) {
                series.forEach(s -> labelled.putIfAbsent(s, new TableMaker.SeriesRounds(outcome.result().series(s), outcome.result().events())));
            } else if (!series.isEmpty()) {
                labelled.putIfAbsent(outcome.variant(), new TableMaker.SeriesRounds(outcome.result().series(series.get(0)), outcome.result().events()));
            }
        }
        return new TableMaker.RunData(labelled, assertions);
    }

    private List<TableSpec> selected(List<TableSpec> all) {
        for (String id : only) {
            if (all.stream().noneMatch(t -> t.id().equals(id))) {
                throw new UserError("--only " + id + ": no such table in " + TableFile.PATH + "; known: "
                        + String.join(", ", all.stream().map(TableSpec::id).toList()));
            }
        }
        return only.isEmpty() ? all : all.stream().filter(t -> only.contains(t.id())).toList();
    }
}
