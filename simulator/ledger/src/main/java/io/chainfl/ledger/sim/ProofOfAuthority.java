package io.chainfl.ledger.sim;

/**
 * Clique/IBFT-style proof of authority: blocks on a fixed grid of {@code intervalMillis}; a transaction waits
 * for the next slot. The in-turn signer rotates round-robin over the authorities.
 */
public final class ProofOfAuthority implements ConsensusModel {
    private final long intervalMillis;
    private final int authorities;

    public ProofOfAuthority(long intervalMillis, int authorities) {
        if (intervalMillis < 1 || authorities < 1) {
            throw new IllegalArgumentException("interval and authorities must be positive");
        }
        this.intervalMillis = intervalMillis;
        this.authorities = authorities;
    }

    @Override
    public BlockSlot next(long previousBlockMillis, long nowMillis) {
        long slot = Math.max(previousBlockMillis, nowMillis) / intervalMillis + 1;
        return new BlockSlot(slot * intervalMillis, (int) (slot % authorities));
    }
}
