package io.chainfl.agents.deepchain;

import io.chainfl.agents.deepchain.DeepChainMessages.Aggregated;
import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.ledger.sim.Keccak256;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The processing contract's choice among the workers: the leader is drawn with probability proportional to its
 * stake from a seeded stream per (round, attempt), as DeepChain's Algorand-style sortition; its aggregate is
 * posted and accepted when a strict majority of the workers that met the deadline computed the same one (a lazy
 * worker has no vote). A lazy or rejected leader
 * loses {@code penalty} of its stake (so it is drawn less often) and the next leader is drawn.
 */
public final class WorkerSortition {
    private final long[] stakes;
    private final double penalty;
    private final SeedStreams seeds;

    public WorkerSortition(int workers, long initialStake, double penalty, SeedStreams seeds) {
        this.stakes = new long[workers];
        Arrays.fill(stakes, initialStake);
        this.penalty = penalty;
        this.seeds = seeds;
    }

    /** @param accepted the aggregate the contract accepted, null if none won a majority */
    public record Decision(byte[] accepted, int leader, TreeMap<Integer, String> punished) {}

    public long stakeOf(int worker) {
        return stakes[worker];
    }

    /** Every worker's stake, for a checkpoint: with the round number it is all the sortition carries between rounds. */
    public long[] stakes() {
        return stakes.clone();
    }

    public void restoreStakes(long[] saved) {
        if (saved.length != stakes.length) {
            throw new IllegalStateException("checkpoint has " + saved.length + " worker stakes, the config " + stakes.length + " workers");
        }
        System.arraycopy(saved, 0, stakes, 0, stakes.length);
    }

    /** {@link #decide(int, TreeMap, Consumer, boolean, boolean)} with the proposals on chain. */
    public Decision decide(int round, TreeMap<Integer, Aggregated> aggregates, Consumer<ContractCall> ledger, boolean hasLedger) {
        return decide(round, aggregates, ledger, hasLedger, true);
    }

    /**
     * Draws leaders until one's aggregate wins a majority; with a ledger, each proposal is posted by a call to
     * {@code ledger}: the aggregate itself as calldata ({@code onChain}), or its Keccak-256 hash, the address under
     * which the workers and parties fetch it from content-addressed storage.
     */
    public Decision decide(int round, TreeMap<Integer, Aggregated> aggregates, Consumer<ContractCall> ledger, boolean hasLedger, boolean onChain) {
        TreeMap<Integer, String> punished = new TreeMap<>();
        boolean[] tried = new boolean[stakes.length];
        for (int attempt = 0; attempt < stakes.length; attempt++) {
            int leader = draw(tried, seeds.stream("deepchain/leader", round, attempt));
            tried[leader] = true;
            byte[] proposal = aggregates.get(leader).aggregate();
            if (proposal == null) {
                punish(leader, punished, "lazy worker: missed the aggregation deadline as leader");
                continue;
            }
            if (hasLedger) {
                ledger.accept(new ContractCall.PostGradient(round, DeepChainContracts.worker(leader) + "/aggregate-" + attempt,
                        onChain ? proposal : Keccak256.hash(proposal)));
            }
            long voters = aggregates.values().stream().filter(a -> a.aggregate() != null).count();
            long votes = aggregates.values().stream().filter(a -> a.aggregate() != null && Arrays.equals(a.aggregate(), proposal)).count();
            if (2 * votes > voters) {
                return new Decision(proposal, leader, punished);
            }
            punish(leader, punished, "aggregate rejected by the workers' majority (" + votes + " of " + voters + " agree)");
        }
        return new Decision(null, -1, punished);
    }

    private void punish(int worker, TreeMap<Integer, String> punished, String why) {
        stakes[worker] = Math.max(1, (long) Math.floor(stakes[worker] * (1 - penalty)));
        punished.put(worker, why + "; stake now " + stakes[worker]);
    }

    private int draw(boolean[] tried, SplittableRandom random) {
        long total = 0;
        for (int w = 0; w < stakes.length; w++) {
            total += tried[w] ? 0 : stakes[w];
        }
        long ticket = random.nextLong(total);
        for (int w = 0; w < stakes.length; w++) {
            if (!tried[w]) {
                if (ticket < stakes[w]) {
                    return w;
                }
                ticket -= stakes[w];
            }
        }
        throw new IllegalStateException("no worker left to draw");
    }

}
