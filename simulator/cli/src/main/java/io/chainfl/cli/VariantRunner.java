package io.chainfl.cli;

import io.chainfl.engine.run.RunFolder;
import io.chainfl.scenarios.run.Simulation;
import io.chainfl.engine.config.ConfigException;
import io.chainfl.engine.config.ConfigLoader;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.config.VariantConfig;
import io.chainfl.engine.kernel.VirtualTime;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunResult;
import io.chainfl.reports.AccuracyChart;
import io.chainfl.reports.HeatmapChart;
import io.chainfl.reports.PrivacyChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Runs every variant of a multi-setting config into its own sub-folder, the centralized baseline once, then
 * writes the combined {@code metrics.csv} (with a {@code variant} column), one chart with a line per variant
 * and the baseline dashed, and {@code summary.json}.
 */
final class VariantRunner {
    private final RunOrchestrator single;

    VariantRunner(RunOrchestrator single) {
        this.single = single;
    }

    Map<String, RunResult> run(RunConfig config, Path runDir, boolean force) {
        Map<String, RunResult> results = new LinkedHashMap<>();
        resolve(config).forEach((name, resolved) -> results.put(name, single.run(resolved, runDir.resolve(folderName(name)), force)));
        // the config with its variants, for the report and to rerun them all
        RunFolder.writeAtomically(runDir.resolve(RunFolder.CONFIG), Configs.loader().toYaml(config));
        single.writeInvocation(runDir);
        writeCombined(config, runDir, results);
        single.writeReport(runDir);
        return results;
    }

    /**
     * Every variant as a complete config (validated now, before anything runs), plus the centralized baseline
     * once, built from the first variant.
     */
    static Map<String, RunConfig> resolve(RunConfig config) {
        ConfigLoader loader = Configs.loader();
        String base = loader.toYaml(config.withoutVariants());
        Map<String, RunConfig> resolved = new LinkedHashMap<>();
        for (VariantConfig variant : config.variants()) {
            if (variant.name().isEmpty() || resolved.containsKey(variant.name()) || variant.name().equals(Simulation.BASELINE_SERIES)) {
                throw new io.chainfl.engine.UserError("variants: every variant needs a unique name other than 'centralized' (got '" + variant.name() + "')");
            }
            List<String> overrides = new ArrayList<>();
            variant.set().forEach((key, value) -> overrides.add(key + "=" + yamlValue(loader, value)));
            overrides.add("baseline.centralized=false");
            resolved.put(variant.name(), parseVariant(loader, variant.name(), base, overrides));
        }
        if (config.baseline().centralized() && !resolved.isEmpty()) {
            RunConfig first = resolved.values().iterator().next();
            resolved.put(Simulation.BASELINE_SERIES, loader.parse("baseline", loader.toYaml(first), List.of("scenario={type: centralized}", "adversaries=[]")));
        }
        return resolved;
    }

    /**
     * The loader names an override ("--set KEY: ") or a place in the generated base text ("variant 'x':12:3: "): neither
     * tells the reader which variant is wrong, so the message names the variant and the key instead.
     */
    private static RunConfig parseVariant(ConfigLoader loader, String name, String base, List<String> overrides) {
        String source = "variant '" + name + "'";
        try {
            return loader.parse(source, base, overrides);
        } catch (ConfigException e) {
            String message = e.getMessage();
            String detail = message.startsWith("--set ") ? "sets " + message.substring("--set ".length())
                    : message.startsWith(source) ? message.substring(source.length()).replaceFirst("^(:\\d+:\\d+)?: ", "") : message;
            throw new ConfigException("variants: '" + name + "' " + (message.startsWith("--set ") ? "" : "(with the file's other keys): ") + detail);
        }
    }

    /** HtmlReport.folderName finds a variant's folder the same way: change both together. */
    static String folderName(String variant) {
        String cleaned = variant.replaceAll("[^A-Za-z0-9._=-]+", "_");
        return cleaned.isEmpty() ? "variant" : cleaned;
    }

    private static String yamlValue(ConfigLoader loader, Object value) {
        try {
            return loader.mapper().writeValueAsString(value).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeCombined(RunConfig config, Path runDir, Map<String, RunResult> results) {
        TreeSet<String> extras = new TreeSet<>();
        List<RoundMetrics> relabelled = new ArrayList<>();
        results.forEach((variant, result) -> result.rounds().forEach(m -> {
            extras.addAll(m.extra().keySet());
            relabelled.add(new RoundMetrics(variant, m.round(), m.accuracy(), m.loss(), m.macroF1(), m.trainLoss(), m.extra()));
        }));
        List<String> header = new ArrayList<>(List.of("variant", "round", "accuracy", "loss", "macro_f1", "train_loss"));
        header.addAll(extras);
        Path partial = RunFolder.partial(runDir.resolve(RunFolder.METRICS));
        try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).setRecordSeparator('\n').build())) {
            for (RoundMetrics m : relabelled) {
                List<Object> row = new ArrayList<>(List.of(m.series(), m.round(), m.accuracy(), m.loss(), m.macroF1(), m.trainLoss()));
                // the clock's column keeps its fixed three decimals here too; every other value as before
                extras.forEach(column -> row.add(!m.extra().containsKey(column) ? ""
                        : column.equals(VirtualTime.COLUMN) ? VirtualTime.METRIC.format(m.extra().get(column)) : m.extra().get(column)));
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + partial, e);
        }
        try {
            Files.move(partial, runDir.resolve(RunFolder.METRICS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunResult combined = new RunResult(config.name(), config.seed(), relabelled, List.of());
        if (config.output().charts()) {
            AccuracyChart.writePng(combined, config.name() + ": test accuracy by round", runDir.resolve(RunFolder.ACCURACY_CHART));
            writeHeatmap(config, runDir, results);
            writePrivacyChart(config, runDir, results);
            io.chainfl.reports.RewardsChart.writeAll(combined, config.name(), runDir);
        }
        StringBuilder summary = new StringBuilder("{\n  \"name\" : \"" + config.name() + "\",\n  \"seed\" : " + config.seed() + ",\n  \"variants\" : {\n");
        int i = 0;
        for (Map.Entry<String, RunResult> e : results.entrySet()) {
            RoundMetrics last = e.getValue().rounds().get(e.getValue().rounds().size() - 1);
            summary.append("    \"").append(e.getKey().replace("\"", "'")).append("\" : {\"folder\" : \"").append(folderName(e.getKey()))
                    .append("\", \"final_accuracy\" : ").append(last.accuracy()).append(", \"final_macro_f1\" : ").append(last.macroF1()).append('}')
                    .append(++i < results.size() ? ",\n" : "\n");
        }
        summary.append("  }\n}\n");
        RunFolder.writeAtomically(runDir.resolve(RunFolder.SUMMARY), summary.toString());
    }

    /** Variants with differential privacy also get their final accuracy against their epsilon (docs/privacy.md). */
    private static void writePrivacyChart(RunConfig config, Path runDir, Map<String, RunResult> results) {
        Map<String, RoundMetrics> finalRows = new LinkedHashMap<>();
        results.forEach((variant, result) -> {
            if (!variant.equals(Simulation.BASELINE_SERIES) && !result.rounds().isEmpty()) {
                finalRows.put(variant, result.rounds().get(result.rounds().size() - 1));
            }
        });
        if (PrivacyChart.applies(finalRows)) {
            PrivacyChart.writePng(finalRows, config.name() + ": final test accuracy against epsilon", config.seed(), runDir.resolve(RunFolder.PRIVACY_CHART));
        }
    }

    /** Variants named "attack/defence" (the attack matrix) also get a grid of final accuracies. */
    private static void writeHeatmap(RunConfig config, Path runDir, Map<String, RunResult> results) {
        Map<String, Double> finalAccuracy = new LinkedHashMap<>();
        results.forEach((variant, result) -> {
            if (!variant.equals(Simulation.BASELINE_SERIES)) {
                finalAccuracy.put(variant, result.rounds().get(result.rounds().size() - 1).accuracy());
            }
        });
        if (HeatmapChart.applies(finalAccuracy.keySet())) {
            HeatmapChart.writePng(finalAccuracy, config.name() + ": final test accuracy", "attack", "defence", runDir.resolve(RunFolder.HEATMAP_CHART));
        }
    }
}
