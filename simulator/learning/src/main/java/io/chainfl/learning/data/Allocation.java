package io.chainfl.learning.data;

/** Integer apportionment shared by stratified splits and size-skewed partitions. */
public final class Allocation {
    private Allocation() {}

    /**
     * Splits {@code total} into parts proportional to {@code weights} by the largest-remainder method, so the
     * parts sum to {@code total} exactly; ties go to the lower index to stay deterministic.
     */
    public static int[] largestRemainder(double[] weights, int total) {
        double weightSum = 0;
        for (double w : weights) {
            if (w < 0 || Double.isNaN(w)) {
                throw new IllegalArgumentException("weights must be non-negative: " + w);
            }
            weightSum += w;
        }
        int[] parts = new int[weights.length];
        if (total == 0 || weights.length == 0) {
            return parts;
        }
        if (!(weightSum > 0)) {
            throw new IllegalArgumentException("weights sum to zero");
        }
        double[] remainders = new double[weights.length];
        int assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = weights[i] / weightSum * total;
            parts[i] = (int) Math.floor(exact);
            remainders[i] = exact - parts[i];
            assigned += parts[i];
        }
        for (int left = total - assigned; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            parts[best]++;
            remainders[best] = -1;
        }
        return parts;
    }
}
