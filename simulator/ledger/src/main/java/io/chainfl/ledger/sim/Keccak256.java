package io.chainfl.ledger.sim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Ethereum's Keccak-256: the original Keccak submission's padding (domain byte 0x01), not FIPS-202 SHA3-256
 * (0x06), so names hash to the same bytes32 a Solidity contract computes. The JDK only ships SHA3-256.
 * Static and allocation-light because every simulated transaction is hashed at least once.
 */
public final class Keccak256 {
    private static final int RATE_BYTES = 136;
    private static final byte KECCAK_PADDING = 0x01;
    static final byte SHA3_PADDING = 0x06;
    private static final long[] ROUND_CONSTANTS = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
        0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
        0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L};

    private static final VarHandle LITTLE_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Keccak256() {}

    public static byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    public static byte[] hash(byte[] data, int offset, int length) {
        byte[] out = new byte[32];
        hashInto(data, offset, length, out);
        return out;
    }

    /** Hashes {@code data[offset, offset+length)} into {@code out[0, 32)}. */
    public static void hashInto(byte[] data, int offset, int length, byte[] out) {
        sponge(data, offset, length, out, KECCAK_PADDING);
    }

    /** The sponge with a chosen domain-separation byte; tests check it against the JDK's SHA3-256 with 0x06. */
    static void sponge(byte[] data, int offset, int length, byte[] out, byte padding) {
        long[] state = new long[25];
        int end = offset + length;
        int position = offset;
        while (end - position >= RATE_BYTES) {
            for (int lane = 0; lane < RATE_BYTES / 8; lane++) {
                state[lane] ^= littleEndianLong(data, position + 8 * lane);
            }
            permute(state);
            position += RATE_BYTES;
        }
        byte[] last = new byte[RATE_BYTES];
        int remaining = end - position;
        System.arraycopy(data, position, last, 0, remaining);
        last[remaining] ^= padding;
        last[RATE_BYTES - 1] ^= (byte) 0x80;
        for (int lane = 0; lane < RATE_BYTES / 8; lane++) {
            state[lane] ^= littleEndianLong(last, 8 * lane);
        }
        permute(state);
        for (int lane = 0; lane < 4; lane++) {
            long v = state[lane];
            for (int b = 0; b < 8; b++) {
                out[8 * lane + b] = (byte) (v >>> (8 * b));
            }
        }
    }

    private static long littleEndianLong(byte[] b, int i) {
        return (long) LITTLE_ENDIAN_LONG.get(b, i);
    }

    /**
     * Keccak-f[1600] with theta, rho and pi done in place along pi's cycle (as Bouncy Castle does): few live
     * values, so the JIT keeps most lanes in registers instead of spilling.
     */
    static void permute(long[] s) {
        long a00 = s[0], a01 = s[1], a02 = s[2], a03 = s[3], a04 = s[4];
        long a05 = s[5], a06 = s[6], a07 = s[7], a08 = s[8], a09 = s[9];
        long a10 = s[10], a11 = s[11], a12 = s[12], a13 = s[13], a14 = s[14];
        long a15 = s[15], a16 = s[16], a17 = s[17], a18 = s[18], a19 = s[19];
        long a20 = s[20], a21 = s[21], a22 = s[22], a23 = s[23], a24 = s[24];
        for (int round = 0; round < 24; round++) {
            long c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
            long c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
            long c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
            long c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
            long c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
            long d1 = Long.rotateLeft(c1, 1) ^ c4;
            long d2 = Long.rotateLeft(c2, 1) ^ c0;
            long d3 = Long.rotateLeft(c3, 1) ^ c1;
            long d4 = Long.rotateLeft(c4, 1) ^ c2;
            long d0 = Long.rotateLeft(c0, 1) ^ c3;
            a00 ^= d1; a05 ^= d1; a10 ^= d1; a15 ^= d1; a20 ^= d1;
            a01 ^= d2; a06 ^= d2; a11 ^= d2; a16 ^= d2; a21 ^= d2;
            a02 ^= d3; a07 ^= d3; a12 ^= d3; a17 ^= d3; a22 ^= d3;
            a03 ^= d4; a08 ^= d4; a13 ^= d4; a18 ^= d4; a23 ^= d4;
            a04 ^= d0; a09 ^= d0; a14 ^= d0; a19 ^= d0; a24 ^= d0;
            // rho and pi: each lane moves one step along pi's single 24-cycle
            c1 = Long.rotateLeft(a01, 1);
            a01 = Long.rotateLeft(a06, 44);
            a06 = Long.rotateLeft(a09, 20);
            a09 = Long.rotateLeft(a22, 61);
            a22 = Long.rotateLeft(a14, 39);
            a14 = Long.rotateLeft(a20, 18);
            a20 = Long.rotateLeft(a02, 62);
            a02 = Long.rotateLeft(a12, 43);
            a12 = Long.rotateLeft(a13, 25);
            a13 = Long.rotateLeft(a19, 8);
            a19 = Long.rotateLeft(a23, 56);
            a23 = Long.rotateLeft(a15, 41);
            a15 = Long.rotateLeft(a04, 27);
            a04 = Long.rotateLeft(a24, 14);
            a24 = Long.rotateLeft(a21, 2);
            a21 = Long.rotateLeft(a08, 55);
            a08 = Long.rotateLeft(a16, 45);
            a16 = Long.rotateLeft(a05, 36);
            a05 = Long.rotateLeft(a03, 28);
            a03 = Long.rotateLeft(a18, 21);
            a18 = Long.rotateLeft(a17, 15);
            a17 = Long.rotateLeft(a11, 10);
            a11 = Long.rotateLeft(a07, 6);
            a07 = Long.rotateLeft(a10, 3);
            a10 = c1;
            // chi, row by row, then iota
            c0 = a00 ^ (~a01 & a02);
            c1 = a01 ^ (~a02 & a03);
            a02 ^= ~a03 & a04;
            a03 ^= ~a04 & a00;
            a04 ^= ~a00 & a01;
            a00 = c0 ^ ROUND_CONSTANTS[round];
            a01 = c1;
            c0 = a05 ^ (~a06 & a07);
            c1 = a06 ^ (~a07 & a08);
            a07 ^= ~a08 & a09;
            a08 ^= ~a09 & a05;
            a09 ^= ~a05 & a06;
            a05 = c0;
            a06 = c1;
            c0 = a10 ^ (~a11 & a12);
            c1 = a11 ^ (~a12 & a13);
            a12 ^= ~a13 & a14;
            a13 ^= ~a14 & a10;
            a14 ^= ~a10 & a11;
            a10 = c0;
            a11 = c1;
            c0 = a15 ^ (~a16 & a17);
            c1 = a16 ^ (~a17 & a18);
            a17 ^= ~a18 & a19;
            a18 ^= ~a19 & a15;
            a19 ^= ~a15 & a16;
            a15 = c0;
            a16 = c1;
            c0 = a20 ^ (~a21 & a22);
            c1 = a21 ^ (~a22 & a23);
            a22 ^= ~a23 & a24;
            a23 ^= ~a24 & a20;
            a24 ^= ~a20 & a21;
            a20 = c0;
            a21 = c1;
        }
        s[0] = a00; s[1] = a01; s[2] = a02; s[3] = a03; s[4] = a04;
        s[5] = a05; s[6] = a06; s[7] = a07; s[8] = a08; s[9] = a09;
        s[10] = a10; s[11] = a11; s[12] = a12; s[13] = a13; s[14] = a14;
        s[15] = a15; s[16] = a16; s[17] = a17; s[18] = a18; s[19] = a19;
        s[20] = a20; s[21] = a21; s[22] = a22; s[23] = a23; s[24] = a24;
    }
}
