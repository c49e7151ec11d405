package io.chainfl.engine.checkpoint;

/**
 * Calls recorded since the last checkpoint, as bytes a replay can apply again (the ledger's journal). The kernel's
 * checkpoints append them to the journal file without knowing what the calls were.
 */
public interface CallJournal {
    /** Bytes recorded since the last call, which clears them. */
    byte[] drainPending();

    /** Calls recorded since this journal was created. */
    long recordedCalls();
}
