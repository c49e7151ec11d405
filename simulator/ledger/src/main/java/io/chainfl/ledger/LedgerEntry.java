package io.chainfl.ledger;

import io.chainfl.engine.Hashes;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message recorded on the ledger: who posted what kind of message in which round, and its 32-byte hash.
 * {@code payloadBytes} is the size of the message the hash stands for, so ledgers can account for traffic.
 */
public record LedgerEntry(long round, String sender, String kind, byte[] messageHash, long payloadBytes) {
    public LedgerEntry {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(kind, "kind");
        if (messageHash == null || messageHash.length != 32) {
            throw new IllegalArgumentException("message hash must be 32 bytes");
        }
        messageHash = messageHash.clone();
    }

    @Override
    public byte[] messageHash() {
        return messageHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LedgerEntry e && round == e.round && payloadBytes == e.payloadBytes
                && sender.equals(e.sender) && kind.equals(e.kind) && Arrays.equals(messageHash, e.messageHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(round, sender, kind, Arrays.hashCode(messageHash), payloadBytes);
    }

    @Override
    public String toString() {
        return "LedgerEntry[round=" + round + ", sender=" + sender + ", kind=" + kind + ", hash=" + Hashes.hex(messageHash) + "]";
    }
}
