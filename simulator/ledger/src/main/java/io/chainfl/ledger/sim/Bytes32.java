package io.chainfl.ledger.sim;

import java.nio.charset.StandardCharsets;

/**
 * A Solidity {@code bytes32} held as four big-endian longs: cheap to compare, hash and keep in maps, which
 * matters because every simulated post carries three of them.
 */
public record Bytes32(long w0, long w1, long w2, long w3) {
    public static final Bytes32 ZERO = new Bytes32(0, 0, 0, 0);

    /** The on-chain id of a participant, account or message kind: {@code keccak256(utf8(name))}. */
    public static Bytes32 ofName(String name) {
        return of(Keccak256.hash(name.getBytes(StandardCharsets.UTF_8)));
    }

    public static Bytes32 of(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("bytes32 needs 32 bytes, got " + bytes.length);
        }
        return read(bytes, 0);
    }

    public static Bytes32 read(byte[] bytes, int offset) {
        return new Bytes32(word(bytes, offset), word(bytes, offset + 8), word(bytes, offset + 16), word(bytes, offset + 24));
    }

    public byte[] toBytes() {
        byte[] out = new byte[32];
        writeTo(out, 0);
        return out;
    }

    public void writeTo(byte[] out, int offset) {
        putWord(out, offset, w0);
        putWord(out, offset + 8, w1);
        putWord(out, offset + 16, w2);
        putWord(out, offset + 24, w3);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(w0 * 31 + w1) ^ Long.hashCode(w2 * 31 + w3);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes32 b && w0 == b.w0 && w1 == b.w1 && w2 == b.w2 && w3 == b.w3;
    }

    public boolean isZero() {
        return (w0 | w1 | w2 | w3) == 0;
    }

    /** {@code 0x} and 64 lower-case hex digits, as event arguments are written. */
    @Override
    public String toString() {
        return "0x" + Hex.of(toBytes());
    }

    static long word(byte[] b, int i) {
        return (b[i] & 0xffL) << 56 | (b[i + 1] & 0xffL) << 48 | (b[i + 2] & 0xffL) << 40 | (b[i + 3] & 0xffL) << 32
                | (b[i + 4] & 0xffL) << 24 | (b[i + 5] & 0xffL) << 16 | (b[i + 6] & 0xffL) << 8 | (b[i + 7] & 0xffL);
    }

    static void putWord(byte[] b, int i, long v) {
        for (int k = 7; k >= 0; k--) {
            b[i + k] = (byte) v;
            v >>>= 8;
        }
    }
}
