package io.chainfl.ledger.sim;

/**
 * When the next block is produced and by whom. Only the timing and leadership of consensus are modelled;
 * validators always agree. Implementations draw randomness from the seeded stream they were built with, one
 * call per block in block order, so a chain is a pure function of its seed and its transactions.
 */
public interface ConsensusModel {
    /**
     * The slot of the next block.
     *
     * @param previousBlockMillis timestamp of the chain's head
     * @param nowMillis           the chain's virtual clock (transactions waiting since then)
     */
    BlockSlot next(long previousBlockMillis, long nowMillis);

    /** Virtual time of a block and its producer (-1 when the model has no notion of one). */
    record BlockSlot(long timeMillis, int leader) {}
}
