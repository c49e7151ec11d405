package io.chainfl.engine.ledger.sim;

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
        return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24
                | (b[i + 4] & 0xffL) << 32 | (b[i + 5] & 0xffL) << 40 | (b[i + 6] & 0xffL) << 48 | (b[i + 7] & 0xffL) << 56;
    }

    /** Keccak-f[1600], written out lane by lane so the JIT keeps the state in registers. */
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
            long d0 = c4 ^ Long.rotateLeft(c1, 1);
            long d1 = c0 ^ Long.rotateLeft(c2, 1);
            long d2 = c1 ^ Long.rotateLeft(c3, 1);
            long d3 = c2 ^ Long.rotateLeft(c4, 1);
            long d4 = c3 ^ Long.rotateLeft(c0, 1);
            // theta, then rho and pi: b[y][2x+3y] = rot(a[x][y], r[x][y])
            long b00 = a00 ^ d0;
            long b10 = Long.rotateLeft(a01 ^ d1, 1);
            long b20 = Long.rotateLeft(a02 ^ d2, 62);
            long b05 = Long.rotateLeft(a03 ^ d3, 28);
            long b15 = Long.rotateLeft(a04 ^ d4, 27);
            long b16 = Long.rotateLeft(a05 ^ d0, 36);
            long b01 = Long.rotateLeft(a06 ^ d1, 44);
            long b11 = Long.rotateLeft(a07 ^ d2, 6);
            long b21 = Long.rotateLeft(a08 ^ d3, 55);
            long b06 = Long.rotateLeft(a09 ^ d4, 20);
            long b07 = Long.rotateLeft(a10 ^ d0, 3);
            long b17 = Long.rotateLeft(a11 ^ d1, 10);
            long b02 = Long.rotateLeft(a12 ^ d2, 43);
            long b12 = Long.rotateLeft(a13 ^ d3, 25);
            long b22 = Long.rotateLeft(a14 ^ d4, 39);
            long b23 = Long.rotateLeft(a15 ^ d0, 41);
            long b08 = Long.rotateLeft(a16 ^ d1, 45);
            long b18 = Long.rotateLeft(a17 ^ d2, 15);
            long b03 = Long.rotateLeft(a18 ^ d3, 21);
            long b13 = Long.rotateLeft(a19 ^ d4, 8);
            long b14 = Long.rotateLeft(a20 ^ d0, 18);
            long b24 = Long.rotateLeft(a21 ^ d1, 2);
            long b09 = Long.rotateLeft(a22 ^ d2, 61);
            long b19 = Long.rotateLeft(a23 ^ d3, 56);
            long b04 = Long.rotateLeft(a24 ^ d4, 14);
            // chi along each row, iota on lane 0
            a00 = b00 ^ (~b01 & b02) ^ ROUND_CONSTANTS[round];
            a01 = b01 ^ (~b02 & b03);
            a02 = b02 ^ (~b03 & b04);
            a03 = b03 ^ (~b04 & b00);
            a04 = b04 ^ (~b00 & b01);
            a05 = b05 ^ (~b06 & b07);
            a06 = b06 ^ (~b07 & b08);
            a07 = b07 ^ (~b08 & b09);
            a08 = b08 ^ (~b09 & b05);
            a09 = b09 ^ (~b05 & b06);
            a10 = b10 ^ (~b11 & b12);
            a11 = b11 ^ (~b12 & b13);
            a12 = b12 ^ (~b13 & b14);
            a13 = b13 ^ (~b14 & b10);
            a14 = b14 ^ (~b10 & b11);
            a15 = b15 ^ (~b16 & b17);
            a16 = b16 ^ (~b17 & b18);
            a17 = b17 ^ (~b18 & b19);
            a18 = b18 ^ (~b19 & b15);
            a19 = b19 ^ (~b15 & b16);
            a20 = b20 ^ (~b21 & b22);
            a21 = b21 ^ (~b22 & b23);
            a22 = b22 ^ (~b23 & b24);
            a23 = b23 ^ (~b24 & b20);
            a24 = b24 ^ (~b20 & b21);
        }
        s[0] = a00; s[1] = a01; s[2] = a02; s[3] = a03; s[4] = a04;
        s[5] = a05; s[6] = a06; s[7] = a07; s[8] = a08; s[9] = a09;
        s[10] = a10; s[11] = a11; s[12] = a12; s[13] = a13; s[14] = a14;
        s[15] = a15; s[16] = a16; s[17] = a17; s[18] = a18; s[19] = a19;
        s[20] = a20; s[21] = a21; s[22] = a22; s[23] = a23; s[24] = a24;
    }
}
