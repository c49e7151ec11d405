package io.chainfl.learning.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/** Ciphertexts as the bytes a transaction carries: each one big-endian in a fixed width of |n^2| bytes. */
public final class CiphertextCodec {
    private CiphertextCodec() {}

    public static byte[] encode(BigInteger[] ciphertexts, int width) {
        byte[] out = new byte[ciphertexts.length * width];
        for (int i = 0; i < ciphertexts.length; i++) {
            byte[] raw = ciphertexts[i].toByteArray();
            int skip = raw.length > width ? raw.length - width : 0; // a leading sign byte
            System.arraycopy(raw, skip, out, (i + 1) * width - (raw.length - skip), raw.length - skip);
        }
        return out;
    }

    public static BigInteger[] decode(byte[] bytes, int width) {
        if (bytes.length % width != 0) {
            throw new IllegalArgumentException("payload of " + bytes.length + " bytes is not a multiple of " + width);
        }
        BigInteger[] out = new BigInteger[bytes.length / width];
        for (int i = 0; i < out.length; i++) {
            out[i] = new BigInteger(1, Arrays.copyOfRange(bytes, i * width, (i + 1) * width));
        }
        return out;
    }
}
