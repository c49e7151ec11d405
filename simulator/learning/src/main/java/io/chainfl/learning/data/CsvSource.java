package io.chainfl.learning.data;

import io.chainfl.engine.UserError;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a header row: every column but the label column is a numeric feature. Labels may be
 * integers or strings; the distinct labels, sorted (numerically when all are integers), become classes 0..k-1.
 */
public final class CsvSource {
    private CsvSource() {}

    public static Dataset load(Path file, String labelColumn) {
        if (file == null) {
            throw new UserError("data.source csv needs data.path pointing at the CSV file");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserError("data.path " + file + " does not exist or is not a file; point it at a CSV file with a header row");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            return parse(file, parser, labelColumn);
        } catch (IOException | UncheckedIOException e) {
            throw new UserError("cannot read CSV file " + file + ": " + e.getMessage() + "; check that it is valid CSV", e);
        } catch (IllegalArgumentException e) {
            // Commons CSV reports duplicate or empty header names this way
            throw new UserError("CSV file " + file + ":1: bad header: " + e.getMessage(), e);
        }
    }

    private static Dataset parse(Path file, CSVParser parser, String labelColumn) {
        List<String> header = parser.getHeaderNames();
        int labelIndex = header.indexOf(labelColumn);
        if (labelIndex < 0) {
            throw new UserError("CSV file " + file + ":1: no column named '" + labelColumn + "' (columns: "
                    + String.join(",", header) + "); set data.label_column to the label column's name");
        }
        int numFeatures = header.size() - 1;
        if (numFeatures < 1) {
            throw new UserError("CSV file " + file + ":1: needs at least one feature column besides '" + labelColumn + "'");
        }
        FloatList features = new FloatList();
        List<String> rawLabels = new ArrayList<>();
        for (CSVRecord record : parser) {
            long line = record.getRecordNumber() + 1; // the header is line 1
            if (record.size() != header.size()) {
                throw new UserError("CSV file " + file + ":" + line + ": " + record.size() + " cells but the header has "
                        + header.size() + " columns; fix the row");
            }
            for (int column = 0; column < header.size(); column++) {
                if (column == labelIndex) {
                    continue;
                }
                features.add(number(file, line, header.get(column), record.get(column)));
            }
            String label = record.get(labelIndex);
            if (label.isEmpty()) {
                throw new UserError("CSV file " + file + ":" + line + ": empty label in column '" + labelColumn + "'");
            }
            rawLabels.add(label);
        }
        if (rawLabels.isEmpty()) {
            throw new UserError("CSV file " + file + " has a header but no data rows");
        }
        List<String> classes = sortedDistinct(rawLabels);
        if (classes.size() < 2) {
            throw new UserError("CSV file " + file + ": column '" + labelColumn + "' has only the label " + classes
                    + "; a classification task needs at least two classes");
        }
        Map<String, Integer> classOf = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            classOf.put(classes.get(i), i);
        }
        int[] labels = rawLabels.stream().mapToInt(classOf::get).toArray();
        String name = "csv:" + file.getFileName();
        return new Dataset(name, features.toArray(), labels, numFeatures, classes.size(), null);
    }

    private static float number(Path file, long line, String column, String cell) {
        try {
            float value = Float.parseFloat(cell);
            if (Float.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the position
        }
        throw new UserError("CSV file " + file + ":" + line + ": column '" + column + "' holds '" + cell
                + "', not a finite number; features must be numeric (only the label column may hold text)");
    }

    /** Numeric order when every label is an integer (so 10 follows 9), else string order. */
    static List<String> sortedDistinct(List<String> labels) {
        TreeSet<String> distinct = new TreeSet<>(labels);
        boolean allIntegers = distinct.stream().allMatch(CsvSource::isInteger);
        List<String> sorted = new ArrayList<>(distinct);
        if (allIntegers) {
            sorted.sort((a, b) -> new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b)));
        }
        return sorted;
    }

    private static boolean isInteger(String s) {
        return s.matches("[+-]?\\d+");
    }

    /** A growable float array, to avoid boxing a million cells. */
    private static final class FloatList {
        private float[] values = new float[1024];
        private int size;

        void add(float value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = value;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
