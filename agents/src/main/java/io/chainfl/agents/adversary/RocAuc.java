package io.chainfl.agents.adversary;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The exact area under the ROC curve, by the rank statistic (Mann-Whitney U): the probability that a random
 * positive scores above a random negative, ties counting one half. Tied scores get their mean rank.
 *
 * <p><b>Tribuo is the reference, not the implementation.</b> RocAucTest checks this against Tribuo's
 * {@code LabelEvaluationUtil.binaryAUCROC} (ties included, to 1e-12). Tribuo gets there by the trapezoid under
 * its ROC curve, a different order of floating-point sums, so calling it would move the last bits of the
 * {@code property_inference_auc} column of existing runs, and would make Tribuo a run-time dependency of the
 * agents for one function.
 */
public final class RocAuc {
    private RocAuc() {}

    /** NaN when there is no positive or no negative. */
    public static double of(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + positive.length + " labels");
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        long positives = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double meanRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                if (positive[order[k]]) {
                    positiveRankSum += meanRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
