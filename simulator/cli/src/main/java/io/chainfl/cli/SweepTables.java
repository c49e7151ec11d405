package io.chainfl.cli;

import io.chainfl.engine.run.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The sweep's combined tables, in plan order whatever order the runs finished in, cells copied as each run
 * wrote them: {@code sweep.csv} (one row per run, series and round) and {@code sweep-summary.csv} (one row
 * per run: final and best accuracy per series, the scenario's columns at the last round).
 */
final class SweepTables {
    private static final List<String> METRICS = List.of("accuracy", "loss", "macro_f1", "train_loss");
    private static final int FIRST_EXTRA = 6;

    private SweepTables() {}

    static void write(SweepRunner.Outcome outcome, List<String> gridKeys, Path dir) {
        writeCombined(outcome, gridKeys, dir.resolve(RunFolder.SWEEP));
        writeSummary(outcome, gridKeys, dir.resolve(RunFolder.SWEEP_SUMMARY));
    }

    private static void writeCombined(SweepRunner.Outcome outcome, List<String> gridKeys, Path file) {
        TreeSet<String> extras = new TreeSet<>();
        outcome.points().forEach(p -> extras.addAll(p.header().subList(FIRST_EXTRA, p.header().size())));
        List<String> header = new ArrayList<>(List.of("run"));
        header.addAll(gridKeys);
        header.addAll(List.of("seed", "series", "round"));
        header.addAll(METRICS);
        header.addAll(extras);
        List<List<String>> rows = new ArrayList<>();
        for (SweepRunner.PointResult p : outcome.points()) {
            for (List<String> cells : p.rows()) {
                List<String> row = leading(p, gridKeys);
                row.addAll(cells.subList(0, FIRST_EXTRA));
                for (String extra : extras) {
                    int at = p.header().indexOf(extra);
                    row.add(at < 0 ? "" : cells.get(at));
                }
                rows.add(row);
            }
        }
        writeCsv(file, header, rows);
    }

    private static void writeSummary(SweepRunner.Outcome outcome, List<String> gridKeys, Path file) {
        Set<String> series = new LinkedHashSet<>();
        Map<String, TreeSet<String>> extrasBySeries = new LinkedHashMap<>();
        for (SweepRunner.PointResult p : outcome.points()) {
            for (List<String> cells : p.rows()) {
                series.add(cells.get(0));
                TreeSet<String> filled = extrasBySeries.computeIfAbsent(cells.get(0), s -> new TreeSet<>());
                for (int i = FIRST_EXTRA; i < cells.size(); i++) {
                    if (!cells.get(i).isEmpty()) {
                        filled.add(p.header().get(i));
                    }
                }
            }
        }
        List<String> header = new ArrayList<>(List.of("run"));
        header.addAll(gridKeys);
        header.add("seed");
        for (String s : series) {
            header.addAll(List.of("final_round_" + s, "final_accuracy_" + s, "best_accuracy_" + s, "final_macro_f1_" + s));
        }
        for (String s : series) {
            extrasBySeries.get(s).forEach(extra -> header.add(extra + "_" + s));
        }
        List<List<String>> rows = new ArrayList<>();
        for (SweepRunner.PointResult p : outcome.points()) {
            List<String> row = leading(p, gridKeys);
            for (String s : series) {
                List<List<String>> own = p.rows().stream().filter(cells -> cells.get(0).equals(s)).toList();
                if (own.isEmpty()) {
                    row.addAll(List.of("", "", "", ""));
                    continue;
                }
                List<String> last = own.get(own.size() - 1);
                double best = own.stream().map(cells -> cells.get(2)).filter(c -> !c.isEmpty()).mapToDouble(Double::parseDouble).max().orElse(Double.NaN);
                row.addAll(List.of(last.get(1), last.get(2), Double.isNaN(best) ? "" : Double.toString(best), last.get(4)));
            }
            for (String s : series) {
                List<List<String>> own = p.rows().stream().filter(cells -> cells.get(0).equals(s)).toList();
                for (String extra : extrasBySeries.get(s)) {
                    int at = p.header().indexOf(extra);
                    row.add(own.isEmpty() || at < 0 ? "" : own.get(own.size() - 1).get(at));
                }
            }
            rows.add(row);
        }
        writeCsv(file, header, rows);
    }

    private static List<String> leading(SweepRunner.PointResult p, List<String> gridKeys) {
        List<String> row = new ArrayList<>(List.of(p.folder().getFileName().toString()));
        gridKeys.forEach(key -> row.add(p.point().values().get(key)));
        row.add(String.valueOf(p.point().seed()));
        return row;
    }

    private static void writeCsv(Path file, List<String> header, List<List<String>> rows) {
        Path partial = RunFolder.partial(file);
        try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).setRecordSeparator('\n').build())) {
            for (List<String> row : rows) {
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + partial, e);
        }
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
