package io.chainfl.ledger.sim;

import java.util.Arrays;
import java.util.List;

/**
 * Writes a call the way Solidity's ABI lays it out (4-byte selector, a head of 32-byte words, dynamic
 * arguments as an offset word in the head and a length word plus elements in the tail), so calldata size and
 * calldata gas come from real bytes. The buffer is prefixed with the transaction's nonce: prefix plus
 * encoding is what the transaction id commits to. Reused for every transaction of a ledger (no per-call
 * allocation); not thread-safe.
 */
final class AbiEncoder {
    static final int NONCE_BYTES = 8;
    private static final int SELECTOR_END = NONCE_BYTES + 4;

    private byte[] buffer = new byte[512];
    private int nextHead;
    private int end;
    private long uncommittedBytes;
    private long uncommittedGas;

    void begin(long nonce, int selector, int headWords) {
        Bytes32.putWord(buffer, 0, nonce);
        buffer[8] = (byte) (selector >>> 24);
        buffer[9] = (byte) (selector >>> 16);
        buffer[10] = (byte) (selector >>> 8);
        buffer[11] = (byte) selector;
        nextHead = SELECTOR_END;
        end = SELECTOR_END + 32 * headWords;
        ensure(end);
        uncommittedBytes = 0;
        uncommittedGas = 0;
    }

    void uint(long value) {
        writeUint(nextHead, value);
        nextHead += 32;
    }

    void bytes32(Bytes32 value) {
        value.writeTo(buffer, nextHead);
        nextHead += 32;
    }

    void uintArray(List<? extends Number> values) {
        startTail(values.size());
        for (Number v : values) {
            appendUint(v.longValue());
        }
    }

    /** A signed integer array (int16[], int32[]): each element a 32-byte word, negative ones sign-extended. */
    void intArray(long[] values) {
        startTail(values.length);
        for (long v : values) {
            ensure(end + 32);
            Arrays.fill(buffer, end, end + 24, v < 0 ? (byte) -1 : 0);
            Bytes32.putWord(buffer, end + 24, v);
            end += 32;
        }
    }

    void bytes32Array(List<Bytes32> values) {
        startTail(values.size());
        for (Bytes32 v : values) {
            ensure(end + 32);
            v.writeTo(buffer, end);
            end += 32;
        }
    }

    /**
     * A {@code bytes} argument that is paid for in full (size and gas) but committed to by its hash only:
     * large payloads are not kept in memory, so the transaction id covers {@code keccak256(payload)}.
     */
    void committedBytes(byte[] payload, Bytes32 payloadHash) {
        startTail(payload.length);
        ensure(end + 32);
        payloadHash.writeTo(buffer, end);
        end += 32;
        long padded = (payload.length + 31L) / 32 * 32;
        long zeros = padded - payload.length;
        for (byte b : payload) {
            if (b == 0) {
                zeros++;
            }
        }
        long payloadGas = GasSchedule.CALLDATA_ZERO_BYTE * zeros + GasSchedule.CALLDATA_NONZERO_BYTE * (padded - zeros);
        uncommittedBytes += padded - 32;
        uncommittedGas += payloadGas - calldataGas(end - 32, end);
    }

    /** Size of the calldata a node would receive. */
    long calldataBytes() {
        return end - NONCE_BYTES + uncommittedBytes;
    }

    /** 16 gas per non-zero and 4 per zero calldata byte. */
    long calldataGas() {
        return calldataGas(NONCE_BYTES, end) + uncommittedGas;
    }

    byte[] buffer() {
        return buffer;
    }

    /** Length of nonce plus committed encoding in {@link #buffer()}. */
    int committedLength() {
        return end;
    }

    /** The calldata as a node would receive it, when nothing was committed by hash (tests). */
    byte[] calldata() {
        if (uncommittedBytes != 0) {
            throw new IllegalStateException("calldata holds a payload committed by hash");
        }
        return Arrays.copyOfRange(buffer, NONCE_BYTES, end);
    }

    private long calldataGas(int from, int to) {
        long zeros = 0;
        for (int i = from; i < to; i++) {
            if (buffer[i] == 0) {
                zeros++;
            }
        }
        return GasSchedule.CALLDATA_ZERO_BYTE * zeros + GasSchedule.CALLDATA_NONZERO_BYTE * (to - from - zeros);
    }

    private void startTail(int length) {
        uint(end - SELECTOR_END + uncommittedBytes);
        appendUint(length);
    }

    private void appendUint(long value) {
        ensure(end + 32);
        writeUint(end, value);
        end += 32;
    }

    private void writeUint(int at, long value) {
        Arrays.fill(buffer, at, at + 24, (byte) 0);
        Bytes32.putWord(buffer, at + 24, value);
    }

    private void ensure(int capacity) {
        if (capacity > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(capacity, 2 * buffer.length));
        }
    }
}
