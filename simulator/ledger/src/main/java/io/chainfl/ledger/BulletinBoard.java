package io.chainfl.ledger;

import java.util.Optional;

/**
 * SecCL's trusted bulletin board: a 32-byte message hash per (round, sender, kind). Whoever downloads a
 * message re-hashes it and checks it here, so a relay that tampers with, swaps or drops messages is caught.
 * Contract: {@code BulletinBoard.sol}; reverts with "already posted" on a second post for the same key.
 */
public interface BulletinBoard {
    TxReceipt post(LedgerEntry entry);

    /** The recorded hash for the key, if any (a view call: no transaction, no gas). */
    Optional<byte[]> hashOf(long round, String sender, String kind);

    default boolean verify(long round, String sender, String kind, byte[] messageHash) {
        return hashOf(round, sender, kind).map(h -> java.util.Arrays.equals(h, messageHash)).orElse(false);
    }
}
