package io.chainfl.learning.valuation;

/**
 * DInEMMo's pricing engine (Marathe et al. 2018, as the survey describes it: "the price of the model depends on the
 * recall, accuracy, and precision of the trained model"). The sources give no formula, so this one is ours and stated
 * in docs/rewards.md: {@code price = base * (wa * accuracy + wp * precision + wr * recall) / (wa + wp + wr)}, with
 * macro-averaged precision and recall over the classes that occur (in the truth or the predictions) and the weights
 * as config keys (equal by default): a linear price, so a model twice as good on every measure costs twice as much.
 */
public record ModelPrice(double base, double accuracyWeight, double precisionWeight, double recallWeight) {
    public ModelPrice {
        if (!(base >= 0) || !(accuracyWeight >= 0) || !(precisionWeight >= 0) || !(recallWeight >= 0)
                || accuracyWeight + precisionWeight + recallWeight <= 0) {
            throw new IllegalArgumentException("a non-negative base price and non-negative weights, not all zero");
        }
    }

    /** The price of a model from its confusion matrix ({@code confusion[truth][predicted]}). */
    public double of(int[][] confusion) {
        double weighted = accuracyWeight * accuracy(confusion) + precisionWeight * macroPrecision(confusion)
                + recallWeight * macroRecall(confusion);
        return base * weighted / (accuracyWeight + precisionWeight + recallWeight);
    }

    static double accuracy(int[][] confusion) {
        long correct = 0;
        long total = 0;
        for (int t = 0; t < confusion.length; t++) {
            for (int p = 0; p < confusion.length; p++) {
                total += confusion[t][p];
            }
            correct += confusion[t][t];
        }
        return total == 0 ? 0 : (double) correct / total;
    }

    /** Mean over classes ever predicted or present of tp / (tp + fp); a class present but never predicted counts 0. */
    static double macroPrecision(int[][] confusion) {
        return macro(confusion, true);
    }

    /** Mean over classes present or predicted of tp / (tp + fn); a class predicted but absent counts 0. */
    static double macroRecall(int[][] confusion) {
        return macro(confusion, false);
    }

    private static double macro(int[][] confusion, boolean precision) {
        int classes = confusion.length;
        double sum = 0;
        int counted = 0;
        for (int k = 0; k < classes; k++) {
            long predicted = 0;
            long actual = 0;
            for (int o = 0; o < classes; o++) {
                predicted += confusion[o][k];
                actual += confusion[k][o];
            }
            if (predicted == 0 && actual == 0) {
                continue;
            }
            long denominator = precision ? predicted : actual;
            sum += denominator == 0 ? 0 : (double) confusion[k][k] / denominator;
            counted++;
        }
        return counted == 0 ? 0 : sum / counted;
    }
}
