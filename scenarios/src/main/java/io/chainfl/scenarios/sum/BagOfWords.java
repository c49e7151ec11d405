package io.chainfl.scenarios.sum;

import io.chainfl.engine.UserError;
import io.chainfl.learning.data.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a CSV of (text, label) into binary bag-of-words features over the top-k words by document frequency
 * in the training part (as the reference's IMDB loader: 1000 binary word features), so users with IMDB
 * can rerun the original. The vocabulary never sees the test part.
 */
final class BagOfWords {
    private static final Pattern WORD = Pattern.compile("[a-z0-9']+");

    record Split(Dataset train, Dataset test, List<String> vocabulary) {}

    private BagOfWords() {}

    static Split load(SumTaskParams task, SplittableRandom random) {
        List<List<String>> rows = readCsv(Path.of(task.path()));
        if (rows.size() < 3) {
            throw new UserError(task.path() + ": needs a header and at least two rows");
        }
        List<String> header = rows.get(0);
        int textColumn = column(header, task.textColumn(), task.path());
        int labelColumn = column(header, task.labelColumn(), task.path());
        List<Set<String>> docs = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() <= Math.max(textColumn, labelColumn)) {
                continue;
            }
            docs.add(words(row.get(textColumn)));
            labels.add(label(row.get(labelColumn), task.path(), r + 1));
        }
        int[] order = SumData.permutation(docs.size(), random);
        int testSize = Math.max(1, (int) Math.round(docs.size() * task.testFraction()));
        int[] testRows = java.util.Arrays.copyOfRange(order, 0, testSize);
        int[] trainRows = java.util.Arrays.copyOfRange(order, testSize, order.length);
        List<String> vocabulary = vocabulary(docs, trainRows, task.topK());
        return new Split(features("text-train", docs, labels, trainRows, vocabulary), features("text-test", docs, labels, testRows, vocabulary), vocabulary);
    }

    static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /** The k most frequent words by document frequency, ties broken alphabetically so the order is stable. */
    static List<String> vocabulary(List<Set<String>> docs, int[] rows, int k) {
        Map<String, Integer> frequency = new HashMap<>();
        for (int r : rows) {
            for (String w : docs.get(r)) {
                frequency.merge(w, 1, Integer::sum);
            }
        }
        return frequency.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed().thenComparing(Map.Entry::getKey))
                .limit(k).map(Map.Entry::getKey).toList();
    }

    private static Dataset features(String name, List<Set<String>> docs, List<Integer> labels, int[] rows, List<String> vocabulary) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            index.put(vocabulary.get(i), i);
        }
        int d = vocabulary.size();
        float[] x = new float[rows.length * d];
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (String w : docs.get(rows[i])) {
                Integer j = index.get(w);
                if (j != null) {
                    x[i * d + j] = 1f;
                }
            }
            y[i] = labels.get(rows[i]);
        }
        return new Dataset(name, x, y, Math.max(1, d), 2, null);
    }

    private static int column(List<String> header, String name, String path) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new UserError(path + ": no column '" + name + "'; columns: " + header);
        }
        return i;
    }

    private static int label(String value, String path, int line) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "pos", "positive" -> 1;
            case "0", "false", "neg", "negative" -> 0;
            default -> throw new UserError(path + ":" + line + ": label '" + value + "' is not 1/0, true/false, pos/neg or positive/negative");
        };
    }

    /** RFC 4180: commas, double quotes around fields, "" for a quote, line breaks inside quoted fields. */
    static List<List<String>> readCsv(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                if (!(row.size() == 1 && row.get(0).isEmpty())) {
                    rows.add(row);
                }
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
