package io.chainfl.scenarios.learningchain;

import io.chainfl.engine.seed.SeedStreams;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which computing node wins a round's proof-of-work race. Every node hashes independently, so the first to find a
 * block is node k with probability hash_k / sum of hashes (the minimum of independent exponential clocks); the block's
 * time itself is the simulated chain's {@code ProofOfWork} model (exponential intervals at the configured mean), which
 * this class leaves alone. One draw per round from the stream {@code learningchain/round/R/pow}, so a round's winner
 * depends on the seed and the round only: the same after a resume and on any number of threads.
 */
final class MiningRace {
    private final double[] cumulative;
    private final SeedStreams seeds;

    MiningRace(List<Double> hashPower, SeedStreams seeds) {
        if (hashPower.isEmpty()) {
            throw new IllegalArgumentException("a mining race needs at least one computing node");
        }
        this.cumulative = new double[hashPower.size()];
        double sum = 0;
        for (int k = 0; k < hashPower.size(); k++) {
            double h = hashPower.get(k);
            if (!(h > 0) || Double.isInfinite(h)) {
                throw new IllegalArgumentException("hash power of node " + k + " must be positive and finite, got " + h);
            }
            sum += h;
            cumulative[k] = sum;
        }
        this.seeds = seeds;
    }

    /** The node that mines round {@code round}'s block. */
    int winner(int round) {
        SplittableRandom random = seeds.stream("learningchain/round/" + round + "/pow");
        double point = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int k = 0; k < cumulative.length; k++) {
            if (point < cumulative[k]) {
                return k;
            }
        }
        return cumulative.length - 1; // point rounded up to the total
    }

    /** Node {@code k}'s share of the total hash power. */
    double share(int k) {
        double previous = k == 0 ? 0 : cumulative[k - 1];
        return (cumulative[k] - previous) / cumulative[cumulative.length - 1];
    }

    int nodes() {
        return cumulative.length;
    }
}
