package io.chainfl.learning.aggregation;

import io.chainfl.engine.Hashes;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Selective sharing (Shokri and Shmatikov, CCS 2015): only the parameter changes with the largest magnitude
 * are uploaded, as (index, value) pairs sorted by index.
 */
public record SparseUpdate(int[] indices, float[] values) {
    public SparseUpdate {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length");
        }
        indices = indices.clone();
        values = values.clone();
    }

    /**
     * The {@code ceil(fraction * n)} entries of {@code delta} with the largest magnitude; among equal
     * magnitudes the lower index wins, so the choice is deterministic.
     */
    public static SparseUpdate topK(float[] delta, double fraction) {
        int n = delta.length;
        int k = entries(n, fraction);
        float[] magnitudes = new float[n];
        for (int i = 0; i < n; i++) {
            magnitudes[i] = Math.abs(delta[i]);
        }
        float[] sorted = magnitudes.clone();
        Arrays.sort(sorted);
        float threshold = sorted[n - k];
        int above = 0;
        for (float m : magnitudes) {
            if (m > threshold) {
                above++;
            }
        }
        int tiesAllowed = k - above;
        int[] idx = new int[k];
        float[] val = new float[k];
        int j = 0;
        for (int i = 0; i < n && j < k; i++) {
            if (magnitudes[i] > threshold || (magnitudes[i] == threshold && tiesAllowed-- > 0)) {
                idx[j] = i;
                val[j] = delta[i];
                j++;
            }
        }
        return new SparseUpdate(idx, val);
    }

    /** How many entries {@link #topK} keeps of {@code n} at {@code fraction}: {@code ceil(fraction * n)}, at least one. */
    public static int entries(int n, double fraction) {
        return (int) Math.min(n, Math.max(1, Math.ceil(fraction * n - 1e-9)));
    }

    /** The length of {@link #bytes()} for an update of {@code entries} entries. */
    public static long wireBytes(int entries) {
        return Integer.BYTES + (long) entries * (Integer.BYTES + Float.BYTES);
    }

    public int size() {
        return indices.length;
    }

    /** Adds the update to {@code target} in place. */
    public void addTo(float[] target) {
        for (int i = 0; i < indices.length; i++) {
            target[indices[i]] += values[i];
        }
    }

    /** The wire form: big-endian (count, indices, values); what is hashed and what travels. */
    public byte[] bytes() {
        ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES + indices.length * (Integer.BYTES + Float.BYTES));
        buffer.putInt(indices.length);
        buffer.asIntBuffer().put(indices);
        buffer.position(Integer.BYTES + indices.length * Integer.BYTES);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    public byte[] hash() {
        return Hashes.sha256(bytes());
    }

    /** A copy with one value changed: what a tampering relay sends. */
    public SparseUpdate withValue(int position, float value) {
        float[] changed = values.clone();
        changed[position] = value;
        return new SparseUpdate(indices, changed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseUpdate s && Arrays.equals(indices, s.indices) && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SparseUpdate[" + indices.length + " entries]";
    }
}
