package io.chainfl.learning.model;

/**
 * Evaluation of a model on a data set. Arrays are copied in and out so the record stays immutable.
 *
 * @param accuracy    fraction of correctly predicted samples
 * @param meanLoss    mean cross-entropy
 * @param macroF1     see {@link Evaluation#macroF1(int[][])} for how absent classes are treated
 * @param predictions arg-max class per sample, in data set order
 * @param confusion   {@code confusion[trueClass][predictedClass]} counts
 */
public record EvalResult(double accuracy, double meanLoss, double macroF1, int[] predictions, int[][] confusion) {

    public EvalResult {
        predictions = predictions.clone();
        confusion = deepCopy(confusion);
    }

    @Override
    public int[] predictions() {
        return predictions.clone();
    }

    @Override
    public int[][] confusion() {
        return deepCopy(confusion);
    }

    private static int[][] deepCopy(int[][] matrix) {
        int[][] copy = new int[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }
}
