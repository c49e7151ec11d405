package io.chainfl.ledger.sim;

import java.util.SplittableRandom;

/**
 * Proof of work: mining is a Poisson process, so inter-block times are exponential with the configured mean
 * (memoryless: waiting transactions see the same distribution). Miners are anonymous (leader -1).
 * StrictMath, not Math: the JIT may swap Math's exp/log/pow for CPU-specific intrinsics whose last bits differ.
 */
public final class ProofOfWork implements ConsensusModel {
    private final double meanIntervalMillis;
    private final SplittableRandom random;

    public ProofOfWork(double meanIntervalMillis, SplittableRandom random) {
        if (!(meanIntervalMillis > 0)) {
            throw new IllegalArgumentException("mean interval must be positive");
        }
        this.meanIntervalMillis = meanIntervalMillis;
        this.random = random;
    }

    @Override
    public BlockSlot next(long previousBlockMillis, long nowMillis) {
        double wait = -meanIntervalMillis * StrictMath.log1p(-random.nextDouble());
        return new BlockSlot(Math.max(previousBlockMillis, nowMillis) + Math.round(wait), -1);
    }
}
