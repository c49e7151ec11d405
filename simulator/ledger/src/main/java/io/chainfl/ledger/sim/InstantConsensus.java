package io.chainfl.ledger.sim;

/** A block as soon as there are transactions, at no delay: the ledger as a pure bookkeeping device. */
public final class InstantConsensus implements ConsensusModel {
    @Override
    public BlockSlot next(long previousBlockMillis, long nowMillis) {
        return new BlockSlot(Math.max(previousBlockMillis, nowMillis), 0);
    }
}
