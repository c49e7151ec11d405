package io.chainfl.reports;

import io.chainfl.engine.run.RunFolder;
import com.fasterxml.jackson.databind.JsonNode;
import io.chainfl.engine.UserError;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Renders {@code report.html} for a run, variants or sweep folder from whatever the folder holds: one
 * self-contained file (CSS and charts inline, no scripts, nothing fetched) to open in any browser or hand in.
 * Sections: summary (and per-variant or per-sweep-point tables), assertion results from {@code checks.json},
 * charts, timings, what reproduces the result, and the resolved config. (Just over 300 lines: one method per
 * section of one page; splitting the sections into classes would scatter the page's order.)
 */
public final class HtmlReport {
    public static final String FILE = RunFolder.REPORT;
    /** Charts shown first, in this order; any other SVG or PNG in the folder follows in name order. */
    private static final List<String> CHART_ORDER = List.of("accuracy", "balances", "heatmap", "privacy");
    /** Written by `chainfl run` beside the results: the command line and the JVM. */
    public static final String INVOCATION = RunFolder.INVOCATION;
    private static final int MAX_TABLE_ROWS = 1000;

    private HtmlReport() {}

    /**
     * Writes {@code folder/report.html} (atomically: a reader never sees half a page) and returns its path.
     *
     * @throws UserError when the folder does not exist or holds nothing a report can show, or a file in it is unreadable
     */
    public static Path writeFor(Path folder) {
        String html = render(folder);
        Path file = folder.resolve(FILE);
        RunFolder.writeAtomically(file, html);
        return file;
    }

    static String render(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new UserError(folder + (Files.exists(folder) ? ": not a folder" : ": no such folder")
                    + "; pass a folder written by `chainfl run` or `chainfl sweep`");
        }
        ReportFolder f = new ReportFolder(folder);
        if (!f.hasAnythingToReport()) {
            throw new UserError(folder + ": nothing to report (no config.yaml, summary.json, metrics.csv, sweep.csv, sweep-summary.csv"
                    + " or checks.json); pass a folder written by `chainfl run` or `chainfl sweep`");
        }
        Optional<JsonNode> summary = f.json(RunFolder.SUMMARY);
        Optional<JsonNode> checks = f.json(RunFolder.CHECKS);
        List<ReportFolder> subRuns = f.runSubFolders();
        boolean sweep = f.has(RunFolder.SWEEP) || f.has(RunFolder.SWEEP_SUMMARY);
        boolean variants = !sweep && summary.map(s -> s.has("variants")).orElse(false);
        String name = summary.map(s -> s.path("name").asText(null)).orElse(null);
        name = name == null ? f.name() : name;
        String kind = sweep ? "sweep" : variants ? "variants" : "run";

        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(Html.esc(name)).append(checks.map(HtmlReport::overallBadge).orElse("")).append("</h1>\n");
        body.append("<p class=\"sub\">chainfl ").append(kind).append(" report &middot; <code>").append(Html.esc(folder.toAbsolutePath().normalize().toString()))
                .append("</code>").append(summary.isPresent() || sweep ? "" : " &middot; <span class=\"warn\">no summary.json: the run did not finish</span>").append("</p>\n");

        body.append("<h2 id=\"summary\">Summary</h2>\n");
        f.csv(RunFolder.METRICS).ifPresentOrElse(metrics -> body.append(seriesTable(metrics, variants ? subRuns : List.of())),
                () -> body.append(sweep ? "<p>A sweep: one row per run below, each run's own report linked.</p>\n" : "<p>No metrics.csv in this folder.</p>\n"));
        summary.filter(s -> s.has("ledger")).ifPresent(s -> body.append(ledgerTable(s.get("ledger"))));
        if (sweep) {
            body.append(sweepSection(f));
        }
        checks.ifPresent(c -> body.append(checksSection(c)));
        body.append(chartsSection(f));
        body.append(timingSection(f, subRuns));
        body.append(reproduceSection(f, summary, subRuns, sweep));
        f.text(RunFolder.CONFIG).ifPresent(config -> body.append("<h2 id=\"config\">Configuration</h2>\n<details><summary>config.yaml (resolved: every default filled in)</summary>\n<pre>")
                .append(Html.esc(config)).append("</pre>\n</details>\n"));

        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.esc(name) + " - chainfl report</title>\n<style>\n" + Html.CSS + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    private static String overallBadge(JsonNode checks) {
        boolean passed = checks.path("passed").asBoolean(false);
        return "<span class=\"badge " + (passed ? "pass\">checks PASS" : "fail\">checks FAIL") + "</span>";
    }

    /** Final and best accuracy per series (a run) or per variant (a variants folder), with the chart's colour. */
    private static String seriesTable(ReportFolder.Table metrics, List<ReportFolder> subRuns) {
        String key = metrics.column("variant") >= 0 ? "variant" : "series";
        Map<String, List<List<String>>> bySeries = new LinkedHashMap<>();
        metrics.rows().forEach(row -> bySeries.computeIfAbsent(metrics.value(row, key), k -> new ArrayList<>()).add(row));
        Map<String, Color> colours = SeriesStyle.colours(new ArrayList<>(bySeries.keySet()));
        Map<String, ReportFolder> folders = new LinkedHashMap<>();
        subRuns.forEach(sub -> folders.put(sub.name(), sub));
        boolean linked = !subRuns.isEmpty();
        List<String> header = new ArrayList<>(List.of(key, "final round", "final accuracy", "best accuracy", "best at round", "macro-F1", "loss"));
        if (linked) {
            header.addAll(List.of("ledger txs", "chain valid", "folder"));
        }
        List<List<String>> rows = new ArrayList<>();
        bySeries.forEach((series, seriesRows) -> {
            List<String> last = seriesRows.get(seriesRows.size() - 1);
            List<String> best = seriesRows.get(0);
            for (List<String> row : seriesRows) {
                if (parse(metrics.value(row, "accuracy")) > parse(metrics.value(best, "accuracy"))) {
                    best = row;
                }
            }
            List<String> cells = new ArrayList<>(List.of(Html.swatch(SeriesStyle.css(colours.get(series))) + Html.esc(series),
                    Html.esc(metrics.value(last, "round")), Html.fraction(metrics.value(last, "accuracy")), Html.fraction(metrics.value(best, "accuracy")),
                    Html.esc(metrics.value(best, "round")), Html.fraction(metrics.value(last, "macro_f1")), Html.fraction(metrics.value(last, "loss"))));
            if (linked) {
                ReportFolder sub = folders.get(folderName(series));
                Optional<JsonNode> ledger = sub == null ? Optional.empty() : sub.json(RunFolder.SUMMARY).map(s -> s.path("ledger"));
                cells.add(ledger.map(l -> Html.number(l.path("transactions").asText(""))).orElse(""));
                cells.add(ledger.map(l -> l.has("chain_valid") ? yesNo(l.path("chain_valid").asBoolean()) : "").orElse(""));
                cells.add(sub == null ? "" : "<a href=\"" + Html.esc(sub.name()) + "/" + FILE + "\">" + Html.esc(sub.name()) + "/</a>");
            }
            rows.add(cells);
        });
        return Html.table("summary", header, rows);
    }

    /** The variants runner's folder name for a variant (kept in step with VariantRunner.folderName). */
    static String folderName(String variant) {
        String cleaned = variant.replaceAll("[^A-Za-z0-9._=-]+", "_");
        return cleaned.isEmpty() ? "variant" : cleaned;
    }

    private static String ledgerTable(JsonNode ledger) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("type", Html.esc(ledger.path("type").asText(""))));
        for (String field : List.of("transactions", "blocks", "payload_bytes")) {
            if (ledger.has(field)) {
                rows.add(List.of(field.replace('_', ' '), Html.number(ledger.get(field).asText())));
            }
        }
        if (ledger.has("chain_valid")) {
            rows.add(List.of("chain valid", yesNo(ledger.get("chain_valid").asBoolean())));
        }
        return "<h3>Ledger</h3>\n" + Html.table("ledger", List.of("", "total"), rows);
    }

    private static String yesNo(boolean ok) {
        return ok ? "<span class=\"pass\">yes</span>" : "<span class=\"fail\">NO</span>";
    }

    /** Per sweep point: sweep-summary.csv as written, or else the final round of every run in sweep.csv. */
    private static String sweepSection(ReportFolder f) {
        StringBuilder s = new StringBuilder("<h2 id=\"sweep\">Sweep</h2>\n");
        Optional<ReportFolder.Table> perPoint = f.csv(RunFolder.SWEEP_SUMMARY);
        Optional<ReportFolder.Table> perRound = f.csv(RunFolder.SWEEP);
        perPoint.ifPresent(t -> s.append("<p>sweep-summary.csv, one row per run:</p>\n").append(csvTable(f, t, t.rows())));
        perRound.ifPresent(t -> {
            s.append("<p>sweep.csv: ").append(t.rows().size()).append(" rows; columns ").append(Html.esc(String.join(", ", t.header()))).append(".</p>\n");
            if (perPoint.isEmpty() && t.column("round") >= 0) {
                double lastRound = t.rows().stream().mapToDouble(r -> parse(t.value(r, "round"))).max().orElse(Double.NaN);
                s.append("<p>Final round (").append(Html.number(Double.toString(lastRound))).append(") of every run:</p>\n")
                        .append(csvTable(f, t, t.rows().stream().filter(r -> parse(t.value(r, "round")) == lastRound).toList()));
            }
        });
        return s.toString();
    }

    /** A CSV table as written; a {@code run} column naming a sub-folder links to that run's report. */
    private static String csvTable(ReportFolder f, ReportFolder.Table t, List<List<String>> rows) {
        int run = t.column("run");
        List<List<String>> cells = rows.stream().limit(MAX_TABLE_ROWS).map(r -> {
            List<String> row = new ArrayList<>(r.stream().map(Html::number).toList());
            if (run >= 0 && run < r.size() && !r.get(run).isEmpty() && !r.get(run).contains("..") && Files.isDirectory(f.dir.resolve(r.get(run)))) {
                row.set(run, "<a href=\"" + Html.esc(r.get(run)) + "/" + FILE + "\">" + Html.esc(r.get(run)) + "</a>");
            }
            return (List<String>) row;
        }).toList();
        String more = rows.size() > MAX_TABLE_ROWS ? "<p>(" + (rows.size() - MAX_TABLE_ROWS) + " more rows in the CSV file)</p>\n" : "";
        return Html.table("data", t.header().stream().map(Html::esc).toList(), cells) + more;
    }

    /** The assertions of {@code checks.json} (written by {@code chainfl check}), each PASS or FAIL. */
    private static String checksSection(JsonNode checks) {
        StringBuilder s = new StringBuilder("<h2 id=\"checks\">Checks").append(overallBadge(checks)).append("</h2>\n");
        if (checks.hasNonNull("config")) {
            s.append("<p>Assertions of <code>").append(Html.esc(checks.get("config").asText())).append("</code>:</p>\n");
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode a : checks.path("assertions")) {
            boolean passed = a.path("passed").asBoolean(false);
            rows.add(List.of(passed ? "<span class=\"pass\">PASS</span>" : "<span class=\"fail\">FAIL</span>",
                    Html.esc(a.path("name").asText("")), Html.esc(a.path("description").asText("")),
                    Html.esc(a.path("actual").asText("")), Html.esc(a.path("expected").asText("")), Html.esc(a.path("detail").asText(""))));
        }
        return s.append(Html.table("checks", List.of("result", "assertion", "what", "actual", "expected", "detail"), rows)).toString();
    }

    private static String chartsSection(ReportFolder f) {
        Map<String, Path> charts = new LinkedHashMap<>();
        CHART_ORDER.forEach(base -> charts.put(base, null));
        f.files(".svg").forEach(p -> charts.put(baseName(p), p));
        f.files(".png").forEach(p -> charts.putIfAbsent(baseName(p), p));
        charts.values().removeIf(p -> p == null);
        if (charts.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("<h2 id=\"charts\">Charts</h2>\n");
        int i = 0;
        for (Map.Entry<String, Path> chart : charts.entrySet()) {
            Path file = chart.getValue();
            String fileName = file.getFileName().toString();
            s.append("<figure>\n").append(fileName.endsWith(".svg") ? Html.inlineSvg(file, "chart" + i++ + "-") : Html.inlinePng(file, chart.getKey()))
                    .append("\n<figcaption>").append(Html.esc(fileName)).append(fileName.endsWith(".svg") ? " (also as PNG beside it)" : "")
                    .append("</figcaption>\n</figure>\n");
        }
        return s.toString();
    }

    private static String baseName(Path p) {
        String name = p.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    /** Wall-clock time per phase, summed over rounds (and over the sub-runs of a variants or sweep folder). */
    private static String timingSection(ReportFolder f, List<ReportFolder> subRuns) {
        List<ReportFolder> sources = f.has(RunFolder.TIMING) ? List.of(f) : subRuns;
        Map<String, double[]> perPhase = new LinkedHashMap<>();
        for (ReportFolder source : sources) {
            source.csv(RunFolder.TIMING).ifPresent(t -> t.rows().forEach(row -> {
                double[] sumAndCount = perPhase.computeIfAbsent(t.value(row, "phase"), k -> new double[2]);
                sumAndCount[0] += parse(t.value(row, "wall_ms"));
                sumAndCount[1]++;
            }));
        }
        if (perPhase.isEmpty()) {
            return "";
        }
        double phasesTotal = perPhase.entrySet().stream().filter(e -> !e.getKey().equals("total")).mapToDouble(e -> e.getValue()[0]).sum();
        List<List<String>> rows = new ArrayList<>();
        perPhase.forEach((phase, v) -> rows.add(List.of(Html.esc(phase), String.format(Locale.ROOT, "%,.2f", v[0] / 1000), Html.number(Double.toString(v[1])),
                phase.equals("total") ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * v[0] / phasesTotal))));
        return "<h2 id=\"timing\">Timings</h2>\n<p>Wall-clock seconds from timing.csv" + (sources == subRuns ? " of every sub-run" : "")
                + ", summed per phase. The only measurement that changes from run to run; phases of parallel participants overlap.</p>\n"
                + Html.table("timing", List.of("phase", "seconds", "records", "share of phases"), rows);
    }

    private static String reproduceSection(ReportFolder f, Optional<JsonNode> summary, List<ReportFolder> subRuns, boolean sweep) {
        List<JsonNode> summaries = new ArrayList<>();
        summary.ifPresent(summaries::add);
        subRuns.forEach(sub -> sub.json(RunFolder.SUMMARY).ifPresent(summaries::add));
        // invocation.json: how the run was started (command line, JVM), kept apart from the deterministic summary
        List<JsonNode> provenance = new ArrayList<>();
        f.json(INVOCATION).ifPresent(provenance::add);
        subRuns.forEach(sub -> sub.json(INVOCATION).ifPresent(provenance::add));
        provenance.addAll(summaries);
        TreeSet<Long> seeds = new TreeSet<>();
        summaries.stream().filter(s -> s.has("seed")).forEach(s -> seeds.add(s.get("seed").asLong()));
        if (sweep) {
            for (String file : List.of(RunFolder.SWEEP, RunFolder.SWEEP_SUMMARY)) {
                f.csv(file).filter(t -> t.column("seed") >= 0).ifPresent(t -> t.rows().forEach(r -> {
                    try {
                        seeds.add(Long.parseLong(t.value(r, "seed")));
                    } catch (NumberFormatException ignored) {
                        // a seed column that is not a number is shown nowhere rather than guessed at
                    }
                }));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("chainfl version", Html.esc(first(provenance, "chainfl_version").orElse("not recorded"))));
        rows.add(List.of("Java version", Html.esc(first(provenance, "java_version").map(v -> v + first(provenance, "java_vendor").map(x -> " (" + x + ")").orElse(""))
                .orElse("not recorded"))));
        first(provenance, "os").ifPresent(os -> rows.add(List.of("operating system", Html.esc(os))));
        // platform facts: results do not depend on them (the cross-platform test forces other kernels), a reader may still ask
        first(provenance, "cpu").ifPresent(cpu -> rows.add(List.of("CPU", Html.esc(cpu))));
        first(provenance, "math_kernels").ifPresent(k -> rows.add(List.of("math kernels", Html.esc(k))));
        first(provenance, "pekko_version").ifPresent(v -> rows.add(List.of("Apache Pekko", Html.esc(v))));
        rows.add(List.of(seeds.size() == 1 ? "seed" : "seeds", seeds.isEmpty() ? "not recorded" : Html.esc(joined(seeds))));
        rows.add(List.of("command", first(provenance, "command").map(c -> "<code>" + Html.esc(c) + "</code>").orElse("not recorded")));
        f.sha256(RunFolder.CONFIG).ifPresent(hash -> rows.add(List.of("config.yaml SHA-256", "<code>" + hash + "</code>")));
        if (f.has(RunFolder.CONFIG)) {
            rows.add(List.of("to rerun", "<code>chainfl " + (sweep ? "sweep " : "run ") + Html.esc(f.dir.resolve(RunFolder.CONFIG).toString())
                    + " --out NEW_FOLDER</code> (same config and seed: byte-identical metrics.csv)"));
        }
        return "<h2 id=\"reproduce\">Reproduce</h2>\n" + Html.table("reproduce", List.of("", ""), rows);
    }

    private static Optional<String> first(List<JsonNode> summaries, String field) {
        return summaries.stream().filter(s -> s.hasNonNull(field)).map(s -> s.get(field).asText()).findFirst();
    }

    private static String joined(TreeSet<Long> seeds) {
        return String.join(", ", seeds.stream().map(String::valueOf).toList());
    }

    private static double parse(String raw) {
        try {
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
