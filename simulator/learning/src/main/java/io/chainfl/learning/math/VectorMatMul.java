package io.chainfl.learning.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MatMul}'s contract with the JDK Vector API: C is cut into register tiles of 4 rows x 2 vectors (8
 * accumulators); for each p in ascending order the tile loads two vectors of B's row p, broadcasts each of the 4
 * rows' {@code A(i, p)} and does {@code acc = acc + a * b} with a separate {@code mul} and {@code add} (never
 * {@code fma}). A vector's lanes are different output columns, so the width of {@code SPECIES_PREFERRED} (4, 8
 * or 16 floats) changes which elements share an instruction, never an element's arithmetic: results are the
 * bits of {@link ScalarMatMul} at every width. Long sums are cut into blocks of p, in order ({@link #tiles}). Rows left over (m not a multiple of 4) use 1-row tiles, columns
 * left over (n not a multiple of the width) one zero-padded vector column ({@link #paddedColumns}).
 *
 * <p>Loaded only by {@link MatMul#vector()}, by name, when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorMatMul extends MatMul {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int TILE_ROWS = 4;
    /** Products per accumulation pass: a 2-vector panel of B over this many rows is 32 kB with 16 lanes (L1). */
    private static final int K_BLOCK = 256;
    /** Per-thread scratch of {@link #paddedColumns}: B's and C's last columns, padded to one vector. */
    private static final ThreadLocal<float[][]> PADDING = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0]});

    @Override
    public String description() {
        // the shape names the hardware path (e.g. 512-bit with AVX-512, 256-bit with -XX:UseAVX=2); results do not depend on it
        return "vector (Vector API FloatVector, " + SPECIES.vectorBitSize() + "-bit, " + LANES + " float lanes)";
    }

    @Override
    void multiplyAdd(float[] a, int aOffset, int aRowStride, int aColumnStride, float[] b, int bOffset,
                     float[] c, int cOffset, int m, int n, int k) {
        int vectorEnd = n - n % LANES;
        if (vectorEnd > 0) {
            tiles(a, aOffset, aRowStride, aColumnStride, b, bOffset, n, c, cOffset, n, m, vectorEnd, k);
        }
        if (vectorEnd < n) {
            paddedColumns(a, aOffset, aRowStride, aColumnStride, b, bOffset, c, cOffset, m, n, k, vectorEnd);
        }
    }

    /**
     * Columns {@code 0..width} (a multiple of {@code LANES}) of C, with B's and C's rows {@code bStride} and
     * {@code cStride} floats apart. The p range is cut into blocks of {@value #K_BLOCK} and, per block, each column
     * panel of 2 vectors (then 1) is run against every row tile, 4 rows then single rows: the panel of B stays in
     * cache while the rows pass. A tile stores its accumulators into C after each block and loads them back for the
     * next (exact), and blocks run in ascending p, so every element still adds its products in ascending p.
     */
    private static void tiles(float[] a, int aOffset, int rs, int cs, float[] b, int bOffset, int bStride, float[] c, int cOffset, int cStride,
                              int m, int width, int k) {
        int pairEnd = width - width % (2 * LANES);
        int rowTileEnd = m - m % TILE_ROWS;
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            int kb = Math.min(K_BLOCK, k - p0);
            int aBlock = aOffset + p0 * cs;
            int bBlock = bOffset + p0 * bStride;
            for (int j = 0; j < pairEnd; j += 2 * LANES) {
                for (int i = 0; i < rowTileEnd; i += TILE_ROWS) {
                    tile4x2(a, aBlock + i * rs, rs, cs, b, bBlock + j, bStride, c, cOffset + i * cStride + j, cStride, kb);
                }
                for (int i = rowTileEnd; i < m; i++) {
                    tile1x2(a, aBlock + i * rs, cs, b, bBlock + j, bStride, c, cOffset + i * cStride + j, kb);
                }
            }
            for (int j = pairEnd; j < width; j += LANES) {
                for (int i = 0; i < rowTileEnd; i += TILE_ROWS) {
                    tile4x1(a, aBlock + i * rs, rs, cs, b, bBlock + j, bStride, c, cOffset + i * cStride + j, cStride, kb);
                }
                for (int i = rowTileEnd; i < m; i++) {
                    tile1x1(a, aBlock + i * rs, cs, b, bBlock + j, bStride, c, cOffset + i * cStride + j, kb);
                }
            }
        }
    }

    /**
     * The last {@code n - from} (fewer than {@code LANES}) columns: copied into one vector-wide column block with
     * zeros beside them, run through the same tiles, and copied back. The padding lanes are other output elements
     * that are thrown away, so every kept element gets the same arithmetic as in a full vector; a narrow matrix (a
     * softmax layer's 10 classes) runs at vector speed instead of scalar.
     */
    private static void paddedColumns(float[] a, int aOffset, int rs, int cs, float[] b, int bOffset, float[] c, int cOffset, int m, int n, int k,
                                      int from) {
        int width = n - from;
        float[][] pads = PADDING.get();
        if (pads[0].length < k * LANES) {
            pads[0] = new float[k * LANES];
        }
        if (pads[1].length < m * LANES) {
            pads[1] = new float[m * LANES];
        }
        float[] bPad = pads[0];
        float[] cPad = pads[1];
        for (int p = 0; p < k; p++) {
            System.arraycopy(b, bOffset + p * n + from, bPad, p * LANES, width);
            java.util.Arrays.fill(bPad, p * LANES + width, (p + 1) * LANES, 0f);
        }
        for (int i = 0; i < m; i++) {
            System.arraycopy(c, cOffset + i * n + from, cPad, i * LANES, width);
            java.util.Arrays.fill(cPad, i * LANES + width, (i + 1) * LANES, 0f);
        }
        tiles(a, aOffset, rs, cs, bPad, 0, LANES, cPad, 0, LANES, m, LANES, k);
        for (int i = 0; i < m; i++) {
            System.arraycopy(cPad, i * LANES, c, cOffset + i * n + from, width);
        }
    }

    /** Rows {@code aRow..aRow+3} times columns {@code j..j+2*LANES} (b and c already point at column j). */
    private static void tile4x2(float[] a, int aRow, int rs, int cs, float[] b, int bColumn, int bStride, float[] c, int cAt, int cStride, int k) {
        int c1 = cAt + cStride;
        int c2 = c1 + cStride;
        int c3 = c2 + cStride;
        FloatVector acc00 = FloatVector.fromArray(SPECIES, c, cAt);
        FloatVector acc01 = FloatVector.fromArray(SPECIES, c, cAt + LANES);
        FloatVector acc10 = FloatVector.fromArray(SPECIES, c, c1);
        FloatVector acc11 = FloatVector.fromArray(SPECIES, c, c1 + LANES);
        FloatVector acc20 = FloatVector.fromArray(SPECIES, c, c2);
        FloatVector acc21 = FloatVector.fromArray(SPECIES, c, c2 + LANES);
        FloatVector acc30 = FloatVector.fromArray(SPECIES, c, c3);
        FloatVector acc31 = FloatVector.fromArray(SPECIES, c, c3 + LANES);
        int a0 = aRow;
        int a1 = aRow + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        for (int p = 0, bAt = bColumn, ap = 0; p < k; p++, bAt += bStride, ap += cs) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bAt);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bAt + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + ap]);
            acc00 = acc00.add(x.mul(b0));
            acc01 = acc01.add(x.mul(b1));
            x = FloatVector.broadcast(SPECIES, a[a1 + ap]);
            acc10 = acc10.add(x.mul(b0));
            acc11 = acc11.add(x.mul(b1));
            x = FloatVector.broadcast(SPECIES, a[a2 + ap]);
            acc20 = acc20.add(x.mul(b0));
            acc21 = acc21.add(x.mul(b1));
            x = FloatVector.broadcast(SPECIES, a[a3 + ap]);
            acc30 = acc30.add(x.mul(b0));
            acc31 = acc31.add(x.mul(b1));
        }
        acc00.intoArray(c, cAt);
        acc01.intoArray(c, cAt + LANES);
        acc10.intoArray(c, c1);
        acc11.intoArray(c, c1 + LANES);
        acc20.intoArray(c, c2);
        acc21.intoArray(c, c2 + LANES);
        acc30.intoArray(c, c3);
        acc31.intoArray(c, c3 + LANES);
    }

    private static void tile4x1(float[] a, int aRow, int rs, int cs, float[] b, int bColumn, int bStride, float[] c, int cAt, int cStride, int k) {
        int c1 = cAt + cStride;
        int c2 = c1 + cStride;
        int c3 = c2 + cStride;
        FloatVector acc0 = FloatVector.fromArray(SPECIES, c, cAt);
        FloatVector acc1 = FloatVector.fromArray(SPECIES, c, c1);
        FloatVector acc2 = FloatVector.fromArray(SPECIES, c, c2);
        FloatVector acc3 = FloatVector.fromArray(SPECIES, c, c3);
        int a1 = aRow + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        for (int p = 0, bAt = bColumn, ap = 0; p < k; p++, bAt += bStride, ap += cs) {
            FloatVector bv = FloatVector.fromArray(SPECIES, b, bAt);
            acc0 = acc0.add(FloatVector.broadcast(SPECIES, a[aRow + ap]).mul(bv));
            acc1 = acc1.add(FloatVector.broadcast(SPECIES, a[a1 + ap]).mul(bv));
            acc2 = acc2.add(FloatVector.broadcast(SPECIES, a[a2 + ap]).mul(bv));
            acc3 = acc3.add(FloatVector.broadcast(SPECIES, a[a3 + ap]).mul(bv));
        }
        acc0.intoArray(c, cAt);
        acc1.intoArray(c, c1);
        acc2.intoArray(c, c2);
        acc3.intoArray(c, c3);
    }

    private static void tile1x2(float[] a, int aRow, int cs, float[] b, int bColumn, int bStride, float[] c, int cAt, int k) {
        FloatVector acc0 = FloatVector.fromArray(SPECIES, c, cAt);
        FloatVector acc1 = FloatVector.fromArray(SPECIES, c, cAt + LANES);
        for (int p = 0, bAt = bColumn, ap = aRow; p < k; p++, bAt += bStride, ap += cs) {
            FloatVector x = FloatVector.broadcast(SPECIES, a[ap]);
            acc0 = acc0.add(x.mul(FloatVector.fromArray(SPECIES, b, bAt)));
            acc1 = acc1.add(x.mul(FloatVector.fromArray(SPECIES, b, bAt + LANES)));
        }
        acc0.intoArray(c, cAt);
        acc1.intoArray(c, cAt + LANES);
    }

    private static void tile1x1(float[] a, int aRow, int cs, float[] b, int bColumn, int bStride, float[] c, int cAt, int k) {
        FloatVector acc = FloatVector.fromArray(SPECIES, c, cAt);
        for (int p = 0, bAt = bColumn, ap = aRow; p < k; p++, bAt += bStride, ap += cs) {
            acc = acc.add(FloatVector.broadcast(SPECIES, a[ap]).mul(FloatVector.fromArray(SPECIES, b, bAt)));
        }
        acc.intoArray(c, cAt);
    }
}
