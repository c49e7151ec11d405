package io.chainfl.cli.tables;

import io.chainfl.cli.expect.AssertionResult;
import io.chainfl.engine.UserError;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Renders one table of docs/tables.yaml from finished runs: a Markdown table and a provenance line naming the
 * command and the SHA-256 of each config file it was made from, so a reader can rerun it and {@code --check} can tell
 * when a study table went stale.
 */
public final class TableMaker {
    /** The series of one run by label: a run's own series (fedavg, centralized, ...) or, with variants, each variant. */
    public record SeriesRounds(List<RoundMetrics> rounds, List<RunEvent> events) {}

    /** What one run of a table produced: its series by label and, for an {@code expect: true} run, its evaluated assertions. */
    public record RunData(Map<String, SeriesRounds> series, List<AssertionResult> assertions) {
        public RunData {
            series = Collections.unmodifiableMap(new LinkedHashMap<>(series)); // in run order: error messages list the series
            assertions = List.copyOf(assertions);
        }
    }

    private TableMaker() {}

    /** Runs every run of {@code table} through {@code runner} (run name, spec) and renders the Markdown. */
    public static String make(TableSpec table, Path root, BiFunction<String, TableSpec.RunSpec, RunData> runner) {
        Map<String, RunData> runs = new LinkedHashMap<>();
        table.runs().forEach((name, spec) -> runs.put(name, runner.apply(name, spec)));
        return renderRuns(table, root, runs);
    }

    /** Renders from series alone (runs without assertions). */
    static String render(TableSpec table, Path root, Map<String, Map<String, SeriesRounds>> series) {
        Map<String, RunData> runs = new LinkedHashMap<>();
        series.forEach((name, labelled) -> runs.put(name, new RunData(labelled, List.of())));
        return renderRuns(table, root, runs);
    }

    static String renderRuns(TableSpec table, Path root, Map<String, RunData> runs) {
        StringBuilder md = new StringBuilder();
        md.append('|');
        table.columns().forEach(c -> md.append(' ').append(c.header()).append(" |"));
        md.append("\n|");
        table.columns().forEach(c -> md.append("---|"));
        md.append('\n');
        String firstRun = runs.keySet().iterator().next();
        for (TableSpec.RowSpec row : expandedRows(table, runs, firstRun)) {
            md.append('|');
            for (TableSpec.ColumnSpec column : table.columns()) {
                // a literal | would end the cell: assertion names and texts are free text
                md.append(' ').append(cell(table, row, column, runs, firstRun).replace("|", "\\|")).append(" |");
            }
            md.append('\n');
        }
        md.append('\n').append(provenance(table, root)).append('\n');
        return md.toString();
    }

    /** The rows, with {@code assertion: "*"} replaced by one row per assertion of the row's run, in the file's order. */
    private static List<TableSpec.RowSpec> expandedRows(TableSpec table, Map<String, RunData> runs, String firstRun) {
        List<TableSpec.RowSpec> rows = new ArrayList<>();
        for (TableSpec.RowSpec row : table.rows()) {
            if (TableSpec.RowSpec.EVERY_ASSERTION.equals(row.assertion())) {
                assertionsOf(table, row, run(table, row, runs, row.run() != null ? row.run() : firstRun)).forEach(a -> rows.add(row.forAssertion(a.name())));
            } else {
                rows.add(row);
            }
        }
        return rows;
    }

    private static RunData run(TableSpec table, TableSpec.RowSpec row, Map<String, RunData> runs, String runName) {
        RunData run = runs.get(runName);
        if (run == null) {
            throw new UserError(TableFile.PATH + ": table '" + table.id() + "', row '" + row.label() + "' reads run '" + runName
                    + "', which the table does not define; runs: " + runs.keySet());
        }
        return run;
    }

    private static List<AssertionResult> assertionsOf(TableSpec table, TableSpec.RowSpec row, RunData run) {
        if (run.assertions().isEmpty()) {
            throw new UserError(TableFile.PATH + ": table '" + table.id() + "', row '" + row.label()
                    + "' reads assertions from a run without them; give the run expect: true (its config needs an expect: block)");
        }
        return run.assertions();
    }

    /** A column with {@code assertion:}: what chainfl check reported for the row's assertion. */
    private static String assertionCell(TableSpec table, TableSpec.RowSpec row, TableSpec.ColumnSpec column, RunData run) {
        String where = TableFile.PATH + ": table '" + table.id() + "', row '" + row.label() + "', column '" + column.header() + "'";
        if (row.assertion() == null) {
            throw new UserError(where + ": the column reads an assertion; give the row assertion: NAME (or \"*\" for every assertion)");
        }
        List<AssertionResult> assertions = assertionsOf(table, row, run);
        AssertionResult result = assertions.stream().filter(a -> a.name().equals(row.assertion())).findFirst()
                .orElseThrow(() -> new UserError(where + ": no assertion named '" + row.assertion() + "'; the run's assertions: "
                        + String.join(", ", assertions.stream().map(AssertionResult::name).toList())));
        return switch (column.assertion()) {
            case "name" -> result.name();
            case "description" -> result.description();
            case "expected" -> result.expected();
            case "actual" -> column.format() == null || Double.isNaN(result.actual()) ? result.actualText()
                    : String.format(Locale.ROOT, column.format(), result.actual() * (column.scale() == null ? 1.0 : column.scale()));
            case "detail" -> result.detail().isEmpty() ? "-" : result.detail();
            case "result" -> result.passed() ? "PASS" : "FAIL";
            default -> throw new UserError(where + ": assertion: " + column.assertion()
                    + " is not one of name, description, expected, actual, detail, result");
        };
    }

    /** The line under a table: how to make it again, and from which config files (by content). */
    public static String provenance(TableSpec table, Path root) {
        List<String> sources = new ArrayList<>();
        table.runs().forEach((name, spec) -> sources.add("`" + spec.config() + "` (sha256 " + fileHash(root.resolve(spec.config())) + ")"
                + (spec.set().isEmpty() ? "" : " with `--set " + String.join(" --set ", spec.set()) + "`")
                + (spec.seed() == null ? "" : " seed " + spec.seed())));
        return "<sub>Generated by `chainfl tables --only " + table.id() + "` from " + String.join(", ", sources) + ".</sub>";
    }

    private static String cell(TableSpec table, TableSpec.RowSpec row, TableSpec.ColumnSpec column, Map<String, RunData> runs, String firstRun) {
        if (row.reference() != null && row.reference().containsKey(column.header())) {
            return row.reference().get(column.header());
        }
        if (column.metric() == null && column.events() == null && column.assertion() == null) {
            return row.label();
        }
        String runName = column.run() != null ? column.run() : row.run() != null ? row.run() : firstRun;
        if (!runs.containsKey(runName)) {
            throw new UserError(TableFile.PATH + ": table '" + table.id() + "' reads run '" + runName + "', which it does not define; runs: " + runs.keySet());
        }
        if (column.assertion() != null) {
            return assertionCell(table, row, column, runs.get(runName));
        }
        Map<String, SeriesRounds> run = runs.get(runName).series();
        String series = column.series() != null ? column.series().replace("{row}", row.label())
                : row.series() != null ? row.series().replace("{column}", column.header()) : row.label();
        SeriesRounds data = run.get(series);
        if (data == null) {
            throw new UserError(TableFile.PATH + ": table '" + table.id() + "', row '" + row.label() + "': run '" + runName + "' has no series '"
                    + series + "'; it has: " + String.join(", ", run.keySet()));
        }
        int from = column.fromRound() == null ? 0 : column.fromRound();
        double value;
        if (column.events() != null) {
            value = data.events().stream()
                    .filter(e -> e.kind().equals(column.events()) && e.round() >= from && (column.subject() == null || e.subject().equals(column.subject())))
                    .count();
        } else {
            value = measure(table, row, column, row.metric() != null ? row.metric() : column.metric(), data.rounds(), from);
            if (column.divideBy() != null) {
                value /= measure(table, row, column, column.divideBy(), data.rounds(), from);
            }
        }
        double scaled = value * (column.scale() == null ? 1.0 : column.scale());
        String format = column.format() != null ? column.format() : column.events() != null ? "%.0f" : "%.4f";
        return Double.isNaN(scaled) ? "-" : String.format(Locale.ROOT, format, scaled);
    }

    private static double measure(TableSpec table, TableSpec.RowSpec row, TableSpec.ColumnSpec column, String metric, List<RoundMetrics> rounds,
            int from) {
        Integer round = column.round() != null ? column.round() : row.round();
        String at = column.at() != null ? column.at() : round != null ? "round" : "final";
        List<Double> values = new ArrayList<>();
        for (RoundMetrics m : rounds) {
            if (m.round() >= from && (!at.equals("round") || m.round() == round)) {
                values.add(m.value(metric));
            }
        }
        if (values.isEmpty()) {
            throw new UserError(TableFile.PATH + ": table '" + table.id() + "', row '" + row.label() + "', column '" + column.header()
                    + "': no round " + (at.equals("round") ? round : ">= " + from) + " in the run");
        }
        return switch (at) {
            case "final", "round" -> values.get(values.size() - 1);
            case "min" -> values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            case "max" -> values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            case "mean" -> values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            case "sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
            default -> throw new UserError(TableFile.PATH + ": table '" + table.id() + "', column '" + column.header() + "': at: " + at
                    + " is not one of final, min, max, mean, sum (or give round: N)");
        };
    }


    static String fileHash(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read the table's config: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
