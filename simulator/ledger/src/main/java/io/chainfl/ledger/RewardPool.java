package io.chainfl.ledger;

import java.util.List;

/**
 * Contribution rewards paid from escrow (docs/ledger-contracts.md, RewardPool; the reward step of DInEMMo's incentive
 * engine and of the "Decentralized AI" slides): a task owner escrows a reward for a number of rounds; after each round
 * the server posts every participant's share (its valuation, clipped at zero, in fixed point) and the contract pays the
 * round's budget ({@code amount / rounds}) in proportion, {@code floor(budget * share / sum of shares)} each; a round
 * whose shares are all zero pays nothing. Rounds are paid once and in order; after the last one, {@link #close} returns
 * what is left (unpaid budgets, rounding remainders) to the owner. Money is conserved: balances plus {@link #held}
 * change only through {@link #credit}.
 * Reverts: "pool exists", "no rounds", "insufficient balance", "no pool", "closed", "wrong round" (a round paid twice or
 * out of order), "length mismatch", "rounds left".
 */
public interface RewardPool {
    /** Credits new currency to an account (set-up only). */
    TxReceipt credit(String account, long amount);

    /** Moves {@code amount} from the owner's balance into pool {@code pool}, paid out over {@code rounds} rounds. */
    TxReceipt open(long pool, String owner, long amount, int rounds);

    /** Pays round {@code round} (the next unpaid one, from 1) to {@code accounts} in proportion to {@code shares}. */
    TxReceipt pay(long pool, int round, List<String> accounts, List<Long> shares);

    /** After the last round: returns the pool's remainder to its owner. */
    TxReceipt close(long pool);

    long balanceOf(String account);

    /** What open pools still hold. */
    long held();

    /** What pool {@code pool} still holds (0 once closed or when there is no such pool). */
    long remainingOf(long pool);

    /** What round's payment gives each account: {@code floor(budget * share / sum)}, 0 for all when the shares sum to 0. */
    static long[] payments(long budget, List<Long> shares) {
        java.math.BigInteger sum = java.math.BigInteger.ZERO;
        for (long s : shares) {
            if (s < 0) {
                throw new IllegalArgumentException("shares are uint64, got " + s);
            }
            sum = sum.add(java.math.BigInteger.valueOf(s));
        }
        long[] paid = new long[shares.size()];
        if (sum.signum() == 0) {
            return paid;
        }
        for (int i = 0; i < paid.length; i++) {
            paid[i] = java.math.BigInteger.valueOf(budget).multiply(java.math.BigInteger.valueOf(shares.get(i))).divide(sum).longValueExact();
        }
        return paid;
    }
}
