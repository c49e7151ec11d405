package io.chainfl.ledger.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * DeepChain's Algorand-style consensus: each block's leader is drawn with probability proportional to its
 * stake from the seeded stream; blocks follow each other at a fixed block time.
 */
public final class StakeSortition implements ConsensusModel {
    private final long[] cumulativeStake;
    private final long blockTimeMillis;
    private final SplittableRandom random;

    public StakeSortition(List<Long> stakes, long blockTimeMillis, SplittableRandom random) {
        if (stakes.isEmpty() || blockTimeMillis < 0) {
            throw new IllegalArgumentException("sortition needs at least one stake and a non-negative block time");
        }
        cumulativeStake = new long[stakes.size()];
        long total = 0;
        for (int i = 0; i < stakes.size(); i++) {
            if (stakes.get(i) < 0) {
                throw new IllegalArgumentException("stakes must be non-negative");
            }
            total = Math.addExact(total, stakes.get(i));
            cumulativeStake[i] = total;
        }
        if (total == 0) {
            throw new IllegalArgumentException("total stake must be positive");
        }
        this.blockTimeMillis = blockTimeMillis;
        this.random = random;
    }

    @Override
    public BlockSlot next(long previousBlockMillis, long nowMillis) {
        return new BlockSlot(Math.max(previousBlockMillis, nowMillis) + blockTimeMillis, drawLeader());
    }

    private int drawLeader() {
        long ticket = random.nextLong(cumulativeStake[cumulativeStake.length - 1]);
        int low = 0;
        int high = cumulativeStake.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ticket < cumulativeStake[mid]) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
