package io.chainfl.scenarios.sum;

import io.chainfl.engine.UserError;
import io.chainfl.learning.data.Dataset;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
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
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tribuo.util.tokens.Tokenizer;
import org.tribuo.util.tokens.impl.SplitPatternTokenizer;

/**
 * Turns a CSV of (text, label) into binary bag-of-words features over the top-k words by document frequency
 * in the training part (as the reference's IMDB loader: 1000 binary word features), so users with IMDB
 * can rerun the original. The vocabulary never sees the test part.
 *
 * <p>Libraries: Commons CSV reads the file and Tribuo's {@link SplitPatternTokenizer} splits the text (its
 * text pipeline's tokenizer). The rest of Tribuo's text pipeline ({@code TokenPipeline}, {@code
 * TextFeatureExtractorImpl}) makes one {@code Example} of named n-gram features per document; SUM trains on a
 * float matrix over a vocabulary chosen by document frequency in the training part only, which Tribuo has no
 * selector for, so the vocabulary and the binary matrix stay here (a few lines).
 */
final class BagOfWords {
    /** Words are the maximal runs of [a-z0-9'] in the lower-cased text: split on everything else. */
    static final String NOT_A_WORD_CHARACTER = "[^a-z0-9']+";

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
        Tokenizer tokenizer = tokenizer();
        List<Set<String>> docs = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() <= Math.max(textColumn, labelColumn)) {
                continue;
            }
            docs.add(words(row.get(textColumn), tokenizer));
            labels.add(label(row.get(labelColumn), task.path(), r + 1));
        }
        int[] order = SumData.permutation(docs.size(), random);
        int testSize = Math.max(1, (int) Math.round(docs.size() * task.testFraction()));
        int[] testRows = java.util.Arrays.copyOfRange(order, 0, testSize);
        int[] trainRows = java.util.Arrays.copyOfRange(order, testSize, order.length);
        List<String> vocabulary = vocabulary(docs, trainRows, task.topK());
        return new Split(features("text-train", docs, labels, trainRows, vocabulary), features("text-test", docs, labels, testRows, vocabulary), vocabulary);
    }

    /** The distinct words of one text, in order of first appearance (a Tribuo tokenizer is stateful: one per caller). */
    static Set<String> words(String text, Tokenizer tokenizer) {
        return new LinkedHashSet<>(tokenizer.split(text.toLowerCase(Locale.ROOT)));
    }

    static Tokenizer tokenizer() {
        return new SplitPatternTokenizer(NOT_A_WORD_CHARACTER);
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

    /** RFC 4180 (commas, double quotes around fields, "" for a quote, line breaks inside quoted fields) by Commons CSV. */
    static List<List<String>> readCsv(Path file) {
        List<List<String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).build())) {
            for (CSVRecord record : parser) {
                rows.add(record.toList());
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage() + "; check that it is valid CSV (RFC 4180)");
        }
        return rows;
    }
}
