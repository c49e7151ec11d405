package io.chainfl.ledger.sim;

import java.util.function.DoubleSupplier;

/**
 * Proof of work among several miners, with forks: each miner finds its next block after an exponential time of rate
 * lambda (mining is a Poisson process), the first to find one broadcasts it, and the block takes the propagation delay
 * to reach the others. A second miner that finds a block before the first one's has reached it forks the chain: the
 * round's block is not agreed, and (as BlockFL models it, Kim et al., "Blockchained On-Device Federated Learning",
 * IEEE Comm. Letters 2020, Sec. III) the round is done again. {@link ProofOfWork} is the single-miner view of the
 * same process (its mean interval is 1 / (miners x lambda)); this class adds who wins and whether the race forks.
 *
 * <p>By memorylessness, given the winner's time every other miner is still an exponential of rate lambda away from its
 * block, so a race forks with probability {@code 1 - exp(-lambda (miners - 1) T_bp)}; the winner's time is the minimum
 * of the miners' times, of mean {@code 1 / (miners lambda)}. {@link #expectedRoundSeconds} and {@link #optimalRate} are
 * the closed forms of the round latency this gives and of the rate that minimises it. StrictMath throughout, so the
 * draws and the closed forms are the same bits on every CPU.
 */
public final class MinerRace {
    /**
     * One race: the winning miner, when it found its block (ms from the race's start, rounded up), and whether another
     * miner found one within the propagation delay (a fork).
     *
     * @param rival the first other miner to find a block (the one that forks the chain when {@code forked})
     */
    public record Attempt(int winner, long blockMillis, int rival, double rivalGapMillis, boolean forked) {}

    private final int miners;
    private final double ratePerS;

    /**
     * @param miners   miners racing (at least 1; with one there are no forks)
     * @param ratePerS each miner's block generation rate lambda, blocks per second
     */
    public MinerRace(int miners, double ratePerS) {
        if (miners < 1 || !(ratePerS > 0)) {
            throw new IllegalArgumentException("a race needs at least one miner and a positive rate: " + miners + ", " + ratePerS);
        }
        this.miners = miners;
        this.ratePerS = ratePerS;
    }

    /**
     * Runs one race: one uniform draw per miner, in miner order, from {@code uniforms} (values in [0, 1)); ties go to the
     * lower miner id.
     *
     * @param propagationMillis how long the winner's block takes to reach the other miners
     */
    public Attempt race(DoubleSupplier uniforms, long propagationMillis) {
        double[] found = new double[miners];
        for (int m = 0; m < miners; m++) {
            found[m] = -1000.0 * StrictMath.log1p(-uniforms.getAsDouble()) / ratePerS;
        }
        int winner = 0;
        for (int m = 1; m < miners; m++) {
            if (found[m] < found[winner]) {
                winner = m;
            }
        }
        int rival = -1;
        for (int m = 0; m < miners; m++) {
            if (m != winner && (rival < 0 || found[m] < found[rival])) {
                rival = m;
            }
        }
        double gap = rival < 0 ? Double.POSITIVE_INFINITY : found[rival] - found[winner];
        long blockMillis = Math.max(1, (long) Math.ceil(found[winner]));
        return new Attempt(winner, blockMillis, rival, gap, gap < propagationMillis);
    }

    /** Probability that a race forks: another miner finds a block within {@code propagationS} of the winner. */
    public static double forkProbability(double ratePerS, int miners, double propagationS) {
        return 1.0 - StrictMath.exp(-ratePerS * (miners - 1) * propagationS);
    }

    /**
     * Expected round latency when every fork redoes the whole round (BlockFL's model): each attempt costs
     * {@code fixedS} (device compute and upload, cross-verification, propagation) plus the wait for the first block,
     * {@code 1 / (miners lambda)} on average, and attempts repeat until one does not fork, {@code exp(lambda (miners - 1)
     * T_bp)} attempts on average.
     */
    public static double expectedRoundSeconds(double fixedS, double ratePerS, int miners, double propagationS) {
        return (fixedS + 1.0 / (miners * ratePerS)) * StrictMath.exp(ratePerS * (miners - 1) * propagationS);
    }

    /**
     * The rate lambda that minimises {@link #expectedRoundSeconds}: with {@code a = fixedS}, {@code b = 1 / miners} and
     * {@code c = (miners - 1) T_bp}, the derivative of {@code (a + b / lambda) exp(c lambda)} vanishes where
     * {@code a c lambda^2 + b c lambda - b = 0}; its positive root. Without forks (one miner or no propagation delay)
     * latency falls as lambda grows and there is no optimum: infinity.
     */
    public static double optimalRate(double fixedS, int miners, double propagationS) {
        double b = 1.0 / miners;
        double c = (miners - 1) * propagationS;
        if (!(c > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        if (!(fixedS > 0)) {
            return 1.0 / c; // a = 0: b c lambda = b
        }
        return (-b * c + StrictMath.sqrt(b * b * c * c + 4.0 * fixedS * c * b)) / (2.0 * fixedS * c);
    }

    public int miners() {
        return miners;
    }

    public double ratePerS() {
        return ratePerS;
    }
}
