package io.chainfl.learning.crypto;

import java.math.BigInteger;

/**
 * base^e mod m for one fixed base and exponents of at most {@code exponentBits} bits, by a table of the base's
 * powers per exponent window (the fixed-base windowing of Brickell, Gordon, McCurley and Wilson, Eurocrypt 1992;
 * Menezes et al., Handbook of Applied Cryptography, 14.6.3): with w-bit windows, table[j][d] = base^(d 2^(wj)), so
 * base^e is the product of one entry per window and costs ceil(bits/w) - 1 multiplications and no squaring,
 * against about bits squarings plus bits/(w+1) multiplications for a variable base. The table holds
 * ceil(bits/w) (2^w - 1) values in Montgomery form (at 2,048-bit moduli, 512-bit exponents and w = 9: 7.5 MiB),
 * built once with as many multiplications.
 * Immutable once built; {@link #powerTimes} is thread-safe.
 */
public final class FixedBaseExponentiation {
    private final MontgomeryArithmetic arithmetic;
    private final int window;
    private final int exponentBits;
    /** table[j][d - 1] = base^(d 2^(window j)) R mod m, d = 1 .. 2^window - 1. */
    private final int[][][] table;

    public FixedBaseExponentiation(MontgomeryArithmetic arithmetic, BigInteger base, int exponentBits, int window) {
        if (window < 1 || window > 16 || exponentBits < 1) {
            throw new IllegalArgumentException("bad window " + window + " or exponent bits " + exponentBits);
        }
        this.arithmetic = arithmetic;
        this.window = window;
        this.exponentBits = exponentBits;
        int windows = (exponentBits + window - 1) / window;
        int entries = (1 << window) - 1;
        long[] scratch = arithmetic.scratch();
        this.table = new int[windows][entries][];
        int[] windowBase = arithmetic.toMontgomery(base);
        for (int j = 0; j < windows; j++) {
            int[][] row = table[j];
            row[0] = windowBase;
            for (int d = 1; d < entries; d++) {
                row[d] = new int[arithmetic.limbs()];
                arithmetic.multiply(row[d - 1], windowBase, row[d], scratch);
            }
            // the next window's base: base^(2^(window (j+1))) = base^((2^window - 1) 2^(window j)) * base^(2^(window j))
            int[] next = new int[arithmetic.limbs()];
            arithmetic.multiply(row[entries - 1], windowBase, next, scratch);
            windowBase = next;
        }
    }

    public int exponentBits() {
        return exponentBits;
    }

    /**
     * base^exponent * factor mod m, for 0 <= exponent < 2^exponentBits and 0 <= factor < m. The factor rides on
     * the last Montgomery product, which also leaves Montgomery form, so it costs nothing extra.
     */
    public BigInteger powerTimes(BigInteger exponent, BigInteger factor) {
        if (exponent.signum() < 0 || exponent.bitLength() > exponentBits) {
            throw new IllegalArgumentException("exponent outside [0, 2^" + exponentBits + ")");
        }
        long[] scratch = arithmetic.scratch();
        byte[] bigEndian = exponent.toByteArray();
        int[] accumulator = null;
        for (int j = 0; j < table.length; j++) {
            int digit = digit(bigEndian, j * window);
            if (digit == 0) {
                continue;
            }
            int[] entry = table[j][digit - 1];
            if (accumulator == null) {
                accumulator = entry.clone();
            } else {
                arithmetic.multiply(accumulator, entry, accumulator, scratch);
            }
        }
        if (accumulator == null) { // exponent 0: base^0 = 1
            return factor.mod(arithmetic.modulus());
        }
        // (base^e R) * factor * R^{-1} = base^e * factor, out of Montgomery form in the same step
        arithmetic.multiply(accumulator, arithmetic.plain(factor), accumulator, scratch);
        return arithmetic.toBigInteger(accumulator);
    }

    /** Bits [fromBit, fromBit + window) of the non-negative big-endian integer, read a byte at a time. */
    private int digit(byte[] bigEndian, int fromBit) {
        int digit = 0;
        for (int bit = fromBit; bit < fromBit + window; ) {
            int index = bigEndian.length - 1 - bit / 8;
            if (index < 0) {
                break;
            }
            int offset = bit % 8;
            int take = Math.min(8 - offset, fromBit + window - bit);
            int chunk = ((bigEndian[index] & 0xff) >>> offset) & ((1 << take) - 1);
            digit |= chunk << (bit - fromBit);
            bit += take;
        }
        return digit;
    }
}
