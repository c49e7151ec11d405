package io.chainfl.engine.metrics;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads rows {@link RunRecorder} wrote back into metric records, for a resumed run's chart and summary. */
final class RecordedTables {
    private RecordedTables() {}

    static List<RoundMetrics> readRounds(Path metricsCsv, List<String> extraColumns) {
        List<RoundMetrics> rounds = new ArrayList<>();
        for (CSVRecord r : records(metricsCsv)) {
            TreeMap<String, Double> extra = new TreeMap<>();
            for (String column : extraColumns) {
                String value = r.isMapped(column) ? r.get(column) : "";
                if (!value.isEmpty()) {
                    extra.put(column, Double.parseDouble(value));
                }
            }
            rounds.add(new RoundMetrics(r.get("series"), Integer.parseInt(r.get("round")), number(r.get("accuracy")), number(r.get("loss")),
                    number(r.get("macro_f1")), number(r.get("train_loss")), extra));
        }
        return rounds;
    }

    static List<RunEvent> readEvents(Path eventsCsv) {
        List<RunEvent> events = new ArrayList<>();
        for (CSVRecord r : records(eventsCsv)) {
            events.add(new RunEvent(Integer.parseInt(r.get("round")), r.get("kind"), r.get("subject"), r.get("detail")));
        }
        return events;
    }

    private static List<CSVRecord> records(Path csv) {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    private static double number(String value) {
        return value.isEmpty() ? Double.NaN : Double.parseDouble(value);
    }
}
