package io.chainfl.learning.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The kernels' contract: hand-computed products for each layout, both implementations equal to a literal
 * transcription of the contract (start from C, add a*b over k ascending, float rounding each step) bit for bit,
 * on shapes whose rows and columns leave tails for every tile and vector width.
 */
class MatMulTest {
    /**
     * m x n x k: single elements, tails smaller than a vector, tails after whole tiles, the MLP's first layer, sums
     * longer than one p block (256) with a short last block.
     */
    private static final int[][] SHAPES = {{1, 1, 1}, {5, 7, 3}, {4, 16, 2}, {3, 33, 5}, {33, 130, 17}, {32, 784, 128}, {9, 10, 25},
        {32, 128, 784}, {7, 40, 600}, {6, 3, 513}};

    @Test
    void handComputedProductsForEveryLayout() {
        for (MatMul kernels : new MatMul[] {MatMul.scalar(), MatMul.vector()}) {
            // A = [1 2 3; 4 5 6], B = [1 0; 0 1; 2 -1], C0 = [10 20; 30 40]: A B = [7 -1; 16 -1]
            float[] c = {10, 20, 30, 40};
            kernels.multiply(new float[] {1, 2, 3, 4, 5, 6}, 0, new float[] {1, 0, 0, 1, 2, -1}, 0, c, 0, 2, 2, 3);
            assertArrayEquals(new float[] {17, 19, 46, 39}, c, kernels.description());

            // the same A stored transposed (3 x 2), into a zero C
            float[] t = new float[4];
            kernels.multiplyTransposedA(new float[] {1, 4, 2, 5, 3, 6}, 0, new float[] {1, 0, 0, 1, 2, -1}, 0, t, 0, 2, 2, 3);
            assertArrayEquals(new float[] {7, -1, 16, -1}, t, kernels.description());

            // the same B stored transposed (2 x 3), with offsets into longer arrays
            float[] u = {99, 0, 0, 0, 0};
            kernels.multiplyTransposedB(new float[] {-5, 1, 2, 3, 4, 5, 6}, 1, new float[] {-7, -7, 1, 0, 2, 0, 1, -1}, 2, u, 1, 2, 2, 3, new float[6]);
            assertArrayEquals(new float[] {99, 7, -1, 16, -1}, u, kernels.description());
        }
    }

    @Test
    void roundingFollowsTheContractNotExactArithmetic() {
        // 1 + 2^-24 rounds back to 1 at every step, so adding it four times to 1 in order gives 1; a pairwise or
        // wider accumulation (2^-24 * 4 first) would give 1 + 2^-22
        float tiny = 0x1p-24f;
        for (MatMul kernels : new MatMul[] {MatMul.scalar(), MatMul.vector()}) {
            float[] c = new float[32];
            java.util.Arrays.fill(c, 1f);
            float[] a = {tiny, tiny, tiny, tiny};
            float[] b = new float[4 * 32];
            java.util.Arrays.fill(b, 1f);
            kernels.multiply(a, 0, b, 0, c, 0, 1, 32, 4);
            for (float value : c) {
                assertEquals(1f, value, kernels.description());
            }
        }
    }

    @Test
    void vectorAndScalarKernelsGiveTheContractsBitsOnEveryShape() {
        SplittableRandom random = new SplittableRandom(7);
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            float[] a = gaussian(random, m * k + 3);
            float[] b = gaussian(random, k * n + 5);
            float[] c0 = gaussian(random, m * n + 2);
            String what = m + "x" + n + "x" + k;

            float[] expected = c0.clone();
            reference(a, 3, k, 1, b, 5, expected, 2, m, n, k);
            assertArrayEquals(expected, multiply(MatMul.scalar(), a, b, c0, m, n, k), "scalar A B " + what);
            assertArrayEquals(expected, multiply(MatMul.vector(), a, b, c0, m, n, k), "vector A B " + what);

            float[] transposedA = transpose(a, 3, m, k);
            float[] expectedT = c0.clone();
            reference(transposedA, 0, 1, m, b, 5, expectedT, 2, m, n, k);
            assertArrayEquals(expected, expectedT, "A^T layout of the same A " + what);
            for (MatMul kernels : new MatMul[] {MatMul.scalar(), MatMul.vector()}) {
                float[] c = c0.clone();
                kernels.multiplyTransposedA(transposedA, 0, b, 5, c, 2, m, n, k);
                assertArrayEquals(expected, c, kernels.description() + " A^T B " + what);

                float[] transposedB = transpose(b, 5, k, n);
                float[] d = c0.clone();
                kernels.multiplyTransposedB(a, 3, transposedB, 0, d, 2, m, n, k, new float[k * n]);
                assertArrayEquals(expected, d, kernels.description() + " A B^T " + what);
            }
        }
    }

    @Test
    void selectionFollowsTheModuleAndTheProperty() {
        // surefire starts every test JVM with --add-modules jdk.incubator.vector, as the launcher does: if this
        // fails, a build flag was lost and runs are silently on the slow kernels
        assertTrue(MatMul.vectorModulePresent(), "the test JVM lacks --add-modules jdk.incubator.vector");
        String before = System.getProperty(MatMul.PROPERTY);
        try {
            System.clearProperty(MatMul.PROPERTY);
            assertSame(MatMul.vector(), MatMul.selected());
            assertTrue(MatMul.selected().description().startsWith("vector"), MatMul.selected().description());
            System.setProperty(MatMul.PROPERTY, "scalar");
            assertSame(MatMul.scalar(), MatMul.selected());
        } finally {
            if (before == null) {
                System.clearProperty(MatMul.PROPERTY);
            } else {
                System.setProperty(MatMul.PROPERTY, before);
            }
        }
    }

    @Test
    void slicesThatDoNotFitAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MatMul.scalar().multiply(new float[6], 1, new float[6], 0, new float[4], 0, 2, 2, 3));
        assertTrue(e.getMessage().startsWith("A: 6 values from offset 1"), e.getMessage());
    }

    /** The contract, literally: each element from its initial value, products added over p ascending, float rounding. */
    private static void reference(float[] a, int aOffset, int aRowStride, int aColumnStride, float[] b, int bOffset, float[] c, int cOffset,
                                  int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = c[cOffset + i * n + j];
                for (int p = 0; p < k; p++) {
                    float product = a[aOffset + i * aRowStride + p * aColumnStride] * b[bOffset + p * n + j];
                    sum = sum + product;
                }
                c[cOffset + i * n + j] = sum;
            }
        }
    }

    private static float[] multiply(MatMul kernels, float[] a, float[] b, float[] c0, int m, int n, int k) {
        float[] c = c0.clone();
        kernels.multiply(a, 3, b, 5, c, 2, m, n, k);
        return c;
    }

    /** The {@code rows x columns} matrix at {@code offset} of {@code source}, transposed into a new array. */
    private static float[] transpose(float[] source, int offset, int rows, int columns) {
        float[] t = new float[rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                t[c * rows + r] = source[offset + r * columns + c];
            }
        }
        return t;
    }

    private static float[] gaussian(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
