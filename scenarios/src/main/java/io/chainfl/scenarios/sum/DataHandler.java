package io.chainfl.scenarios.sum;

import io.chainfl.agents.ledger.LedgerClient;
import io.chainfl.engine.Hashes;
import io.chainfl.ledger.LedgerEntry;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * SUM's data handler: records every accepted contribution on the bulletin board (sender, contribution index as
 * the round so keys never collide, SHA-256 of x, y, time and deposit) so anyone can later check what was added.
 */
final class DataHandler {
    static final String KIND = "contribution";
    /** The bulletin board, through the ledger service: a record goes with the turn's next call that needs an answer. */
    private final LedgerClient board;
    private long recorded;

    DataHandler(LedgerClient board) {
        this.board = board;
    }

    void record(Contribution c) {
        ByteBuffer bytes = ByteBuffer.allocate(c.x().length * Float.BYTES + 3 * Long.BYTES);
        for (float v : c.x()) {
            bytes.putFloat(v);
        }
        bytes.putLong(c.label()).putLong(c.timeMillis()).putLong(c.deposit());
        MessageDigest sha = Hashes.sha256();
        byte[] hash = sha.digest(bytes.array());
        board.post(new LedgerEntry(c.index(), c.agent().name(), KIND, hash, bytes.capacity()));
        recorded++;
    }

    /** A resumed run continues the count of contributions already on the ledger. */
    void resumeAt(long alreadyRecorded) {
        recorded = alreadyRecorded;
    }

    long recorded() {
        return recorded;
    }
}
