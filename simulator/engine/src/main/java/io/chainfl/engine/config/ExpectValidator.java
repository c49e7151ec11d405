package io.chainfl.engine.config;

import io.chainfl.engine.config.AssertionConfig;
import io.chainfl.engine.config.ConfigException;
import io.chainfl.engine.config.DidYouMean;
import io.chainfl.engine.config.ExpectConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks, before anything runs, that every assertion names a series (or variant) and a column the runs will
 * produce, so a typo costs a one-line error instead of a full check run ending in "n/a".
 */
public final class ExpectValidator {
    private static final List<String> BASE_COLUMNS = List.of("accuracy", "loss", "macro_f1", "train_loss");

    private ExpectValidator() {}

    /**
     * @param columnsBySeries every series label the runs will produce (in run order, the default first) and the
     *                        scenario columns of each (the base columns accuracy, loss, macro_f1, train_loss are implied)
     */
    public static void validate(String sourceName, ExpectConfig expect, Map<String, Set<String>> columnsBySeries) {
        if (expect.assertions().isEmpty()) {
            throw new ConfigException(sourceName + ": expect: no assertions; add an expect block, e.g. "
                    + "'expect: {assertions: [{metric: accuracy, expected: \">= 0.9\"}]}' (see docs/sweeps-and-gates.md)");
        }
        for (int i = 0; i < expect.assertions().size(); i++) {
            AssertionConfig a = expect.assertions().get(i);
            String at = sourceName + ": expect.assertions[" + i + "]";
            if (a.expected() == null || a.expected().isBlank()) {
                throw new ConfigException(at + ".expected: missing; write the comparison that must hold, e.g. expected: \">= 0.9\"");
            }
            if (a.searchesThreshold()) {
                continue; // its parameter path, series and column are checked against the config it varies
            }
            String series = a.series() != null ? a.series() : columnsBySeries.keySet().stream().findFirst().orElse("");
            requireSeries(at + ".series", series, columnsBySeries);
            if (a.dropVs() != null) {
                requireSeries(at + ".drop_vs", a.dropVs(), columnsBySeries);
            }
            if (!a.countsEvents()) {
                requireColumn(at + ".metric", a.metric(), series, columnsBySeries.get(series));
                if (a.dropVs() != null) {
                    requireColumn(at + ".metric", a.metric(), a.dropVs(), columnsBySeries.get(a.dropVs()));
                }
            }
        }
    }

    public static void requireSeries(String where, String series, Map<String, Set<String>> columnsBySeries) {
        if (!columnsBySeries.containsKey(series)) {
            throw new ConfigException(where + ": unknown series '" + series + "'; " + hint(series, columnsBySeries.keySet())
                    + "the runs produce: " + String.join(", ", columnsBySeries.keySet()));
        }
    }

    public static void requireColumn(String where, String column, String series, Set<String> scenarioColumns) {
        List<String> known = new ArrayList<>(BASE_COLUMNS);
        known.addAll(scenarioColumns);
        if (!known.contains(column)) {
            throw new ConfigException(where + ": series '" + series + "' has no column '" + column + "'; " + hint(column, known)
                    + "its columns: " + String.join(", ", known));
        }
    }

    private static String hint(String unknown, java.util.Collection<String> known) {
        return DidYouMean.closest(unknown, known).map(s -> "did you mean '" + s + "'? ").orElse("");
    }
}
