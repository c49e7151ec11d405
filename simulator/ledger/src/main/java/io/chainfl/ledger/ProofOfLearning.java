package io.chainfl.ledger;

import java.util.List;

/**
 * The Proof-of-Learning task contract (docs/ledger-contracts.md, ProofOfLearning; Bravo-Marquez, Reeves & Ugarte 2019,
 * as the survey summarises it): a supplier posts a task and escrows its fee for the best trainer plus one fee per
 * validator of the task's committee; trainers submit the hash of their model; each committee member posts its ranking
 * of the submissions (a permutation of the submission indices, best first) and the contract adds the Borda points
 * ({@link #bordaPoints}); finalize pays the submission with the most points (ties: the earlier submission) the task fee
 * plus the block reward, which the contract mints, and every validator its fee. With no submission the task fee returns
 * to the supplier and no block reward is minted. Money is conserved: balances plus {@link #held} equal what was credited
 * plus what was {@link #minted}.
 * Reverts: "task exists", "no validators", "duplicate validator", "insufficient balance", "no task", "finalized",
 * "ranking started", "already submitted", "too many submissions", "not a validator", "already ranked",
 * "not a permutation", "rankings missing".
 */
public interface ProofOfLearning {
    /** At most this many submissions a task (the contract checks a ranking with a 256-bit bitmap). */
    int MAX_SUBMISSIONS = 256;

    /** Credits new currency to an account (set-up only). */
    TxReceipt credit(String account, long amount);

    /** The supplier escrows {@code fee + validatorFee * validators.size()}; the committee is seated for this task. */
    TxReceipt postTask(long task, String supplier, long fee, long validatorFee, long blockReward, List<String> validators);

    /** A trainer's model hash (one per trainer and task, before the first ranking); its index is the submission order. */
    TxReceipt submit(long task, String trainer, byte[] modelHash);

    /** A committee member's ranking: every submission index once, best first. */
    TxReceipt rank(long task, String validator, List<Integer> order);

    /** After every committee member ranked: pays the winner and the validators. */
    TxReceipt finalizeTask(long task);

    long balanceOf(String account);

    /** What unfinalized tasks hold in escrow. */
    long held();

    /** Block rewards minted so far. */
    long minted();

    /** The winning submission's index once finalized, else -1. */
    int winnerOf(long task);

    /** A submission's Borda points so far. */
    long pointsOf(long task, int index);

    /**
     * Borda count over the validators' rankings (Borda 1781; the rule SecCL's election also uses): in a ranking of
     * {@code n} submissions the one at position {@code p} (0 = best) gets {@code n - 1 - p} points.
     */
    static long[] bordaPoints(int submissions, List<List<Integer>> rankings) {
        long[] points = new long[submissions];
        for (List<Integer> order : rankings) {
            if (!isPermutation(submissions, order)) {
                throw new IllegalArgumentException("not a permutation of 0.." + (submissions - 1) + ": " + order);
            }
            for (int p = 0; p < order.size(); p++) {
                points[order.get(p)] += submissions - 1 - p;
            }
        }
        return points;
    }

    /** The index with the most points, the lowest index among equals; -1 when there is none. */
    static int winner(long[] points) {
        int best = -1;
        for (int i = 0; i < points.length; i++) {
            if (best < 0 || points[i] > points[best]) {
                best = i;
            }
        }
        return best;
    }

    static boolean isPermutation(int submissions, List<Integer> order) {
        if (order.size() != submissions) {
            return false;
        }
        boolean[] seen = new boolean[submissions];
        for (int index : order) {
            if (index < 0 || index >= submissions || seen[index]) {
                return false;
            }
            seen[index] = true;
        }
        return true;
    }
}
