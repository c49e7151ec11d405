package io.chainfl.ledger;

/**
 * A blockchain with the contracts the studies need, behind one interface: the simulated chain (hash-chained
 * blocks in virtual time, EVM-like gas, consensus latency models) or a real Ethereum JSON-RPC node. Callers
 * submit in a deterministic order (sorted by participant id), so transaction ids and blocks never depend
 * on thread scheduling.
 */
public interface Ledger extends AutoCloseable {
    BulletinBoard bulletinBoard();

    Election election();

    Escrow escrow();

    GradientExchange gradientExchange();

    /** The DanKu model market (docs/ledger-contracts.md); only the danku scenario uses it. */
    DanKu danku();

    /** The contribution-reward escrow (docs/ledger-contracts.md); only fedavg with scenario.rewards uses it. */
    RewardPool rewardPool();

    /** The Proof-of-Learning task contract (docs/ledger-contracts.md); only the pol scenario uses it. */
    ProofOfLearning proofOfLearning();

    /** Waits until every submitted transaction is in a block (the simulated chain advances virtual time). */
    void seal();

    /** Recomputes every hash link and Merkle root; false if any transaction or block was altered. */
    boolean verifyChain();

    LedgerStats stats();

    /** Every event emitted so far, in chain order (block, then position in the block). */
    java.util.List<LedgerEvent> events();

    @Override
    default void close() {}
}
