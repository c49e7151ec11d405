package io.chainfl.learning.crypto;

import java.math.BigInteger;

/**
 * Montgomery multiplication modulo a fixed odd modulus on little-endian arrays of 32-bit limbs (CIOS, after Koc,
 * Acar and Kaliski, "Analyzing and comparing Montgomery multiplication algorithms", IEEE Micro 1996).
 * Why it exists: {@code BigInteger} has no public modular multiplication, and {@code multiply(..).mod(..)}
 * spends five times the product's cost in its long division (measured at 2,048 bits); a chain of products that
 * stays in Montgomery form (fixed-base exponentiation, the threshold combination) costs one CIOS pass each.
 * {@code BigInteger.modPow} keeps its own intrinsic Montgomery code and stays the better choice for a single
 * variable-base exponentiation with a long exponent.
 * Values in Montgomery form are x R mod m with R = 2^(32 limbs); {@link #multiply} maps (aR, bR) to abR.
 * Immutable and thread-safe; every call takes its scratch array from the caller.
 */
public final class MontgomeryArithmetic {
    private static final long MASK = 0xffffffffL;

    private final BigInteger modulus;
    private final int[] modulusLimbs;
    /** -modulus^{-1} mod 2^32, the per-limb reduction factor. */
    private final long negativeInverse;
    private final int limbs;

    public MontgomeryArithmetic(BigInteger modulus) {
        if (modulus.signum() <= 0 || !modulus.testBit(0)) {
            throw new IllegalArgumentException("Montgomery arithmetic needs an odd positive modulus");
        }
        this.modulus = modulus;
        this.limbs = (modulus.bitLength() + 31) / 32;
        this.modulusLimbs = limbsOf(modulus);
        BigInteger word = BigInteger.ONE.shiftLeft(32);
        this.negativeInverse = word.subtract(modulus.mod(word).modInverse(word)).longValue() & MASK;
    }

    public BigInteger modulus() {
        return modulus;
    }

    /** Limbs per value. */
    public int limbs() {
        return limbs;
    }

    /** A scratch array for {@link #multiply}, one per thread at a time. */
    public long[] scratch() {
        return new long[limbs + 2];
    }

    /** x R mod m, for 0 <= x (any size). */
    public int[] toMontgomery(BigInteger x) {
        return limbsOf(x.shiftLeft(32 * limbs).mod(modulus));
    }

    /** x mod m as limbs, unchanged (a plain value, for a last product that leaves Montgomery form). */
    public int[] plain(BigInteger x) {
        return limbsOf(x.mod(modulus));
    }

    /** The value the limbs hold, as a non-negative integer. */
    public BigInteger toBigInteger(int[] value) {
        byte[] bytes = new byte[4 * limbs];
        for (int i = 0; i < limbs; i++) {
            int v = value[i];
            int at = bytes.length - 4 * (i + 1);
            bytes[at] = (byte) (v >>> 24);
            bytes[at + 1] = (byte) (v >>> 16);
            bytes[at + 2] = (byte) (v >>> 8);
            bytes[at + 3] = (byte) v;
        }
        return new BigInteger(1, bytes);
    }

    /** Leaves Montgomery form: aR -> a. */
    public BigInteger fromMontgomery(int[] value, long[] scratch) {
        int[] one = new int[limbs];
        one[0] = 1;
        int[] out = new int[limbs];
        multiply(value, one, out, scratch);
        return toBigInteger(out);
    }

    /**
     * out = a b R^{-1} mod m for a, b < m. {@code out} may be {@code a} or {@code b}: it is written only after
     * both are read.
     */
    public void multiply(int[] a, int[] b, int[] out, long[] t) {
        final int s = limbs;
        final int[] m = modulusLimbs;
        final long n0 = negativeInverse;
        java.util.Arrays.fill(t, 0L);
        for (int i = 0; i < s; i++) {
            long bi = b[i] & MASK;
            long carry = 0;
            for (int j = 0; j < s; j++) {
                long v = (a[j] & MASK) * bi + t[j] + carry;
                t[j] = v & MASK;
                carry = v >>> 32;
            }
            long v = t[s] + carry;
            t[s] = v & MASK;
            t[s + 1] = v >>> 32;
            long q = (t[0] * n0) & MASK;
            v = t[0] + q * (m[0] & MASK);
            carry = v >>> 32;
            for (int j = 1; j < s; j++) {
                v = (m[j] & MASK) * q + t[j] + carry;
                t[j - 1] = v & MASK;
                carry = v >>> 32;
            }
            v = t[s] + carry;
            t[s - 1] = v & MASK;
            t[s] = t[s + 1] + (v >>> 32);
        }
        // the result is below 2m; one conditional subtraction brings it below m
        boolean atLeastModulus = t[s] != 0;
        if (!atLeastModulus) {
            atLeastModulus = true;
            for (int j = s - 1; j >= 0; j--) {
                long mj = m[j] & MASK;
                if (t[j] != mj) {
                    atLeastModulus = t[j] > mj;
                    break;
                }
            }
        }
        if (atLeastModulus) {
            long borrow = 0;
            for (int j = 0; j < s; j++) {
                long v = t[j] - (m[j] & MASK) - borrow;
                out[j] = (int) v;
                borrow = v >>> 63;
            }
        } else {
            for (int j = 0; j < s; j++) {
                out[j] = (int) t[j];
            }
        }
    }

    /** Little-endian limbs of 0 <= x < 2^(32 limbs). */
    private int[] limbsOf(BigInteger x) {
        byte[] bytes = x.toByteArray(); // big-endian, possibly with a leading sign byte
        int[] out = new int[limbs];
        for (int k = 0; k < bytes.length; k++) {
            int bit = 8 * (bytes.length - 1 - k);
            if (bytes[k] != 0) {
                if (bit >= 32 * limbs) {
                    throw new IllegalArgumentException("value wider than the modulus");
                }
                out[bit / 32] |= (bytes[k] & 0xff) << (bit % 32);
            }
        }
        return out;
    }
}
