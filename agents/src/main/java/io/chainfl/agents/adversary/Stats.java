package io.chainfl.agents.adversary;

/**
 * Per-coordinate statistics of a set of updates for the coalition attacks, in one fixed order: rows in the
 * order given (participant order), coordinates in index order, sums in double. Plain loops, so the same updates
 * give the same bits on every CPU.
 */
final class Stats {
    private Stats() {}

    /** The mean of every coordinate over the rows. */
    static double[] mean(float[][] rows) {
        double[] sum = new double[rows[0].length];
        for (float[] row : rows) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += row[j];
            }
        }
        for (int j = 0; j < sum.length; j++) {
            sum[j] /= rows.length;
        }
        return sum;
    }

    /** The sample (n - 1) standard deviation of every coordinate, around the given mean; needs two rows or more. */
    static double[] sampleStd(float[][] rows, double[] mean) {
        double[] squares = new double[mean.length];
        for (float[] row : rows) {
            for (int j = 0; j < squares.length; j++) {
                double diff = row[j] - mean[j];
                squares[j] += diff * diff;
            }
        }
        for (int j = 0; j < squares.length; j++) {
            squares[j] = Math.sqrt(squares[j] / (rows.length - 1));
        }
        return squares;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }
}
