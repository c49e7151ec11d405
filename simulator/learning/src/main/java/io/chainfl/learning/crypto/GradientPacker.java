package io.chainfl.learning.crypto;

import java.math.BigInteger;

/**
 * Fixed-point encoding and packing of many gradient values into one Paillier plaintext, as DeepChain does with a
 * super-increasing sequence: value k sits in bits [k*slotBits, (k+1)*slotBits). Each value is rounded to
 * {@code scaleBits} fractional bits, clipped to +-2^(valueBits-1-scaleBits) and offset by 2^(valueBits-1) so it
 * is non-negative; {@code headroomBits} spare bits per slot let up to 2^headroomBits packed vectors be added
 * homomorphically without one slot carrying into the next. Unpacking the sum of m vectors subtracts m offsets.
 *
 * @param scaleBits         fractional bits (precision 2^-scaleBits)
 * @param valueBits         bits of one encoded value, offset included
 * @param headroomBits      spare bits per slot for sums
 * @param slotsPerPlaintext values per ciphertext
 */
public record GradientPacker(int scaleBits, int valueBits, int headroomBits, int slotsPerPlaintext) {

    public GradientPacker {
        if (scaleBits < 0 || valueBits <= scaleBits || valueBits > 62 || headroomBits < 0 || slotsPerPlaintext < 1) {
            throw new IllegalArgumentException("bad packing layout");
        }
    }

    /** As many slots as fit below the modulus (the top bit stays clear so every plaintext is < n). */
    public static GradientPacker forModulus(int modulusBits, int scaleBits, int valueBits, int maxSummands) {
        int headroom = 64 - Long.numberOfLeadingZeros(Math.max(1, maxSummands - 1));
        int slots = (modulusBits - 1) / (valueBits + headroom);
        return new GradientPacker(scaleBits, valueBits, headroom, slots);
    }

    public int slotBits() {
        return valueBits + headroomBits;
    }

    public int plaintextsFor(int values) {
        return (values + slotsPerPlaintext - 1) / slotsPerPlaintext;
    }

    /** The largest magnitude that survives encoding unclipped. */
    public double clipMagnitude() {
        return Math.scalb((double) ((1L << (valueBits - 1)) - 1), -scaleBits);
    }

    public BigInteger[] pack(float[] values) {
        BigInteger[] plaintexts = new BigInteger[plaintextsFor(values.length)];
        long offset = 1L << (valueBits - 1);
        long limit = offset - 1;
        for (int p = 0; p < plaintexts.length; p++) {
            int from = p * slotsPerPlaintext;
            int to = Math.min(values.length, from + slotsPerPlaintext);
            BigInteger packed = BigInteger.ZERO;
            for (int k = to - 1; k >= from; k--) {
                long fixed = Math.max(-limit, Math.min(limit, Math.round(Math.scalb((double) values[k], scaleBits))));
                packed = packed.shiftLeft(slotBits()).or(BigInteger.valueOf(fixed + offset));
            }
            plaintexts[p] = packed;
        }
        return plaintexts;
    }

    /** The coordinate-wise sum of {@code summands} packed vectors of {@code length} values. */
    public float[] unpackSum(BigInteger[] plaintexts, int summands, int length) {
        if (summands > (1L << headroomBits)) {
            throw new IllegalArgumentException(summands + " summands overflow " + headroomBits + " headroom bits");
        }
        float[] values = new float[length];
        long offsets = (long) summands << (valueBits - 1);
        BigInteger mask = BigInteger.ONE.shiftLeft(slotBits()).subtract(BigInteger.ONE);
        for (int i = 0; i < length; i++) {
            BigInteger plaintext = plaintexts[i / slotsPerPlaintext];
            long slot = plaintext.shiftRight((i % slotsPerPlaintext) * slotBits()).and(mask).longValueExact();
            values[i] = (float) Math.scalb((double) (slot - offsets), -scaleBits);
        }
        return values;
    }
}
