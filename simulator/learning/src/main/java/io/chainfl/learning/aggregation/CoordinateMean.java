package io.chainfl.learning.aggregation;

import java.util.List;

/**
 * Aggregates sparse uploads: each coordinate becomes the mean of the values uploaded for it, so a coordinate
 * only one candidate shared is not diluted by the candidates that did not share it.
 */
public final class CoordinateMean {
    private CoordinateMean() {}

    public static float[] of(List<SparseUpdate> updates, int length) {
        double[] sum = new double[length];
        int[] count = new int[length];
        for (SparseUpdate u : updates) {
            int[] idx = u.indices();
            float[] val = u.values();
            for (int i = 0; i < idx.length; i++) {
                sum[idx[i]] += val[i];
                count[idx[i]]++;
            }
        }
        float[] mean = new float[length];
        for (int i = 0; i < length; i++) {
            if (count[i] > 0) {
                mean[i] = (float) (sum[i] / count[i]);
            }
        }
        return mean;
    }
}
