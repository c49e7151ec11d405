package io.chainfl.ledger.sim;

/**
 * PBFT/IBFT-style consensus among {@code validators}: a block commits after {@code phases} message rounds
 * (pre-prepare, prepare, commit), each one network delay long, and is final at once. The proposer rotates
 * round-robin. Message processing time is assumed to be inside the delay.
 */
public final class BftConsensus implements ConsensusModel {
    private final int validators;
    private final long commitLatencyMillis;
    private long proposals;

    public BftConsensus(int validators, int phases, long messageDelayMillis) {
        if (validators < 1 || phases < 1 || messageDelayMillis < 0) {
            throw new IllegalArgumentException("validators and phases must be positive, the delay non-negative");
        }
        this.validators = validators;
        this.commitLatencyMillis = phases * messageDelayMillis;
    }

    /** Byzantine validators tolerated: f with n >= 3f + 1. */
    public int faultTolerance() {
        return (validators - 1) / 3;
    }

    @Override
    public BlockSlot next(long previousBlockMillis, long nowMillis) {
        int proposer = (int) (proposals++ % validators);
        return new BlockSlot(Math.max(previousBlockMillis, nowMillis) + commitLatencyMillis, proposer);
    }
}
