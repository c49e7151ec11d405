package io.chainfl.cli.lab;

import io.chainfl.engine.run.RunFolder;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Follows one table of a run folder (metrics.csv, events.csv) while the run writes it: the run appends rows to
 * {@code NAME.partial} after every round and renames it when it finishes, so the table is whichever of the two
 * exists. Only complete lines count (a row being written has no newline yet). A resumed run cuts the partial file
 * back to its checkpoint; then the rows seen so far are no longer all there, and {@link #poll} says to start over.
 */
final class CsvTail {
    /** What changed since the last poll: {@code reset} means forget earlier rows first. */
    record Update(boolean reset, List<String> header, List<List<String>> rows) {
        boolean isEmpty() {
            return !reset && rows.isEmpty();
        }
    }

    private final Path file;
    private int rowsSeen;
    private List<String> header = List.of();

    CsvTail(Path file) {
        this.file = file;
    }

    Update poll() {
        List<List<String>> all = readAll();
        if (all.isEmpty()) {
            return new Update(false, header, List.of());
        }
        List<String> currentHeader = all.get(0);
        List<List<String>> rows = all.subList(1, all.size());
        boolean reset = rows.size() < rowsSeen || !currentHeader.equals(header) && !header.isEmpty();
        if (reset) {
            rowsSeen = 0;
        }
        header = currentHeader;
        List<List<String>> fresh = List.copyOf(rows.subList(rowsSeen, rows.size()));
        rowsSeen = rows.size();
        return new Update(reset, header, fresh);
    }

    /** Every complete row of the table (header first), or nothing when neither name exists yet. */
    private List<List<String>> readAll() {
        String text = read(file);
        if (text == null) {
            text = read(RunFolder.partial(file));
            if (text == null) {
                // renamed between the two reads
                text = read(file);
            }
        }
        if (text == null) {
            return List.of();
        }
        return parse(text.substring(0, text.lastIndexOf('\n') + 1));
    }

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        try {
            for (CSVRecord record : CSVFormat.DEFAULT.parse(new StringReader(text))) {
                rows.add(record.toList());
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // a half-written quoted field: take what parsed so far, the rest comes with the next poll
        }
        return rows;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
