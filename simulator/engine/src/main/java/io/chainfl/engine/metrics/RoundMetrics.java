package io.chainfl.engine.metrics;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The global model's quality after one round of one series (the scenario itself, or a baseline such as
 * "centralized"), plus scenario-specific counters in {@code extra} (kept sorted so CSV columns are stable).
 */
public record RoundMetrics(String series, int round, double accuracy, double loss, double macroF1, double trainLoss,
                           SortedMap<String, Double> extra) {
    public RoundMetrics {
        extra = Collections.unmodifiableSortedMap(new TreeMap<>(extra == null ? new TreeMap<>() : extra));
    }

    /** A metrics.csv column of this round by its name: the four fixed ones, else a scenario column (NaN when absent). */
    public double value(String column) {
        return switch (column) {
            case "accuracy" -> accuracy;
            case "loss" -> loss;
            case "macro_f1" -> macroF1;
            case "train_loss" -> trainLoss;
            default -> extra.getOrDefault(column, Double.NaN);
        };
    }

    public RoundMetrics(String series, int round, double accuracy, double loss, double macroF1, double trainLoss) {
        this(series, round, accuracy, loss, macroF1, trainLoss, null);
    }
}
