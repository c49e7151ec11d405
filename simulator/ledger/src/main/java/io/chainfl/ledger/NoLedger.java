package io.chainfl.ledger;

import io.chainfl.engine.UserError;
import java.util.Optional;

/**
 * Plain federated learning: nothing is recorded. Posting to the bulletin board is free and verifies nothing;
 * scenarios that need a contract (elections, deposits) stop with a clear error.
 */
public final class NoLedger implements Ledger, BulletinBoard {
    @Override
    public BulletinBoard bulletinBoard() {
        return this;
    }

    @Override
    public Election election() {
        throw needsLedger("an election contract");
    }

    @Override
    public Escrow escrow() {
        throw needsLedger("an escrow contract");
    }

    @Override
    public GradientExchange gradientExchange() {
        throw needsLedger("a gradient exchange contract");
    }

    @Override
    public DanKu danku() {
        throw needsLedger("the DanKu market contract");
    }

    @Override
    public RewardPool rewardPool() {
        throw needsLedger("the reward pool contract (scenario.rewards)");
    }

    @Override
    public ProofOfLearning proofOfLearning() {
        throw needsLedger("the Proof-of-Learning task contract");
    }

    private static UserError needsLedger(String what) {
        return new UserError("ledger.type: none has no contracts, but this scenario needs " + what + "; set ledger.type to simulated or ethereum");
    }

    @Override
    public TxReceipt post(LedgerEntry entry) {
        return new TxReceipt("", -1, 0, 0);
    }

    @Override
    public Optional<byte[]> hashOf(long round, String sender, String kind) {
        return Optional.empty();
    }

    @Override
    public void seal() {}

    @Override
    public boolean verifyChain() {
        return true;
    }

    @Override
    public LedgerStats stats() {
        return LedgerStats.EMPTY;
    }

    @Override
    public java.util.List<LedgerEvent> events() {
        return java.util.List.of();
    }
}
