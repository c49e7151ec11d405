package io.chainfl.learning.model;

import io.chainfl.learning.data.Dataset;
import java.util.Arrays;

/**
 * Accuracy, cross-entropy and macro-F1 of a model on a labelled data set.
 *
 * <p><b>Why not Tribuo's LabelEvaluator.</b> It is the definition these metrics are tested against (EvaluationTest:
 * a softmax trained on the real digits, every confusion-matrix cell), but this is a hot path: every round
 * evaluates, and in SecCL every voter scores every candidate. Tribuo needs a {@code Prediction} object per example
 * and computes per-label AUCs and provenance besides; `chainfl bench --only evaluation` measured it 587 times
 * slower on 2,000 predictions (54,294 against 92 evaluations/s, 2 shared cores).
 */
public final class Evaluation {
    /**
     * Probabilities are float; a confidently wrong prediction can round to exactly 0, whose log is
     * infinite. Clamping keeps the mean loss finite (at most -ln(1e-30) ~ 69 per sample).
     */
    private static final double MIN_PROBABILITY = 1e-30;

    private Evaluation() {}

    public static EvalResult evaluate(Model model, Dataset data, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        int n = data.size();
        int classes = data.numClasses();
        int[] predictions = new int[n];
        int[][] confusion = new int[classes][classes];
        double lossSum = 0;
        int[] rows = data.allRows();
        for (int from = 0; from < n; from += batchSize) {
            int[] batchRows = Arrays.copyOfRange(rows, from, Math.min(n, from + batchSize));
            float[] probabilities = model.predictProbabilities(data.featureMatrix(batchRows));
            for (int i = 0; i < batchRows.length; i++) {
                int offset = i * classes;
                int predicted = 0;
                for (int c = 1; c < classes; c++) {
                    if (probabilities[offset + c] > probabilities[offset + predicted]) {
                        predicted = c;
                    }
                }
                int truth = data.labels()[batchRows[i]];
                predictions[batchRows[i]] = predicted;
                confusion[truth][predicted]++;
                // StrictMath: the same log on every CPU (Math.log may be a CPU-specific intrinsic)
                lossSum -= StrictMath.log(Math.max(MIN_PROBABILITY, probabilities[offset + truth]));
            }
        }
        return new EvalResult(n == 0 ? Double.NaN : accuracy(confusion), n == 0 ? Double.NaN : lossSum / n,
                macroF1(confusion), predictions, confusion);
    }

    /** {@code confusion[truth][predicted]} counts for two aligned label arrays. */
    public static int[][] confusionMatrix(int[] truth, int[] predicted, int numClasses) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " labels but " + predicted.length + " predictions");
        }
        int[][] confusion = new int[numClasses][numClasses];
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
        }
        return confusion;
    }

    public static double accuracy(int[][] confusion) {
        long correct = 0;
        long total = 0;
        for (int t = 0; t < confusion.length; t++) {
            for (int p = 0; p < confusion.length; p++) {
                total += confusion[t][p];
            }
            correct += confusion[t][t];
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /**
     * Mean over classes of {@code F1 = 2 tp / (2 tp + fp + fn)}. A class that occurs neither in the truth nor
     * in the predictions has no defined F1 and is left out of the mean (counting it as 0 would punish a model
     * for classes a participant's data simply lacks; counting it as 1 would reward it). A class that occurs in
     * only one of the two has F1 = 0. This matches Tribuo's macro-average over the label domain when the
     * domain is the set of observed labels. Returns NaN for an empty confusion matrix.
     */
    public static double macroF1(int[][] confusion) {
        int classes = confusion.length;
        double sum = 0;
        int counted = 0;
        for (int k = 0; k < classes; k++) {
            long truePositives = confusion[k][k];
            long falsePositives = 0;
            long falseNegatives = 0;
            for (int other = 0; other < classes; other++) {
                if (other != k) {
                    falsePositives += confusion[other][k];
                    falseNegatives += confusion[k][other];
                }
            }
            long involved = 2 * truePositives + falsePositives + falseNegatives;
            if (involved == 0) {
                continue;
            }
            sum += 2.0 * truePositives / involved;
            counted++;
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }
}
