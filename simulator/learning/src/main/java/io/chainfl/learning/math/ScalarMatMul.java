package io.chainfl.learning.math;

/**
 * {@link MatMul}'s contract as plain loops in i-p-j order: for each output row, each {@code A(i, p)} is multiplied
 * into the whole row, so every element still receives its products in ascending p. The JIT may vectorise the j
 * loop; its lanes are different output elements, so that changes no element's arithmetic.
 */
final class ScalarMatMul extends MatMul {

    @Override
    public String description() {
        return "scalar";
    }

    @Override
    void multiplyAdd(float[] a, int aOffset, int aRowStride, int aColumnStride, float[] b, int bOffset,
                     float[] c, int cOffset, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            int cRow = cOffset + i * n;
            int aRow = aOffset + i * aRowStride;
            for (int p = 0; p < k; p++) {
                float factor = a[aRow + p * aColumnStride];
                int bRow = bOffset + p * n;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] = c[cRow + j] + factor * b[bRow + j];
                }
            }
        }
    }
}
