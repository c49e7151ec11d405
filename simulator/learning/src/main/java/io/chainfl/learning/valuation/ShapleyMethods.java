package io.chainfl.learning.valuation;

import java.util.SplittableRandom;

/**
 * Data valuation: how much each player (a participant's data, or its update in one round) adds to a utility, by four
 * methods of decreasing cost. Pure functions of the utility (and of the caller's seeded generator for the sampled
 * ones); every sum runs in a fixed order in double, so the values are the same bits on every machine.
 * <ul>
 *   <li>{@link #exact}: the Shapley value (Shapley 1953), {@code 2^n} coalitions;</li>
 *   <li>{@link #leaveOneOut}: {@code U(N) - U(N \ {i})}, {@code n + 1} coalitions;</li>
 *   <li>{@link #monteCarlo}: truncated Monte Carlo Shapley (Ghorbani &amp; Zou 2019, "Data Shapley", Algorithm 1);</li>
 *   <li>{@link #gtg}: GTG-Shapley (Liu et al. 2022, "GTG-Shapley: Efficient and Accurate Participant Contribution
 *       Evaluation in Federated Learning", Algorithm 1): guided permutations, truncation within a round and of whole
 *       rounds; its utility reconstructs a round's sub-models from the uploads ({@link RoundUtility}).</li>
 * </ul>
 * The cost of each is the number of distinct coalitions it evaluated ({@link CountedUtility}).
 */
public final class ShapleyMethods {
    /** 62 players: a coalition is a {@code long} bit set and {@code 1L << n} must stay positive. */
    public static final int MAX_PLAYERS = 62;
    /** Exact Shapley evaluates every coalition; past 20 players that is over a million models. */
    public static final int MAX_EXACT_PLAYERS = 20;

    private ShapleyMethods() {}

    /**
     * The Shapley value: {@code phi_i = sum over S without i of |S|! (n-|S|-1)! / n! * (U(S + i) - U(S))}, summed over
     * the coalitions in ascending bit-set order. Satisfies efficiency ({@code sum phi = U(N) - U(empty)}), symmetry and
     * the null-player property exactly, up to rounding.
     */
    public static Valuation exact(int n, Utility utility) {
        checkPlayers(n);
        if (n > MAX_EXACT_PLAYERS) {
            throw new IllegalArgumentException("exact Shapley evaluates 2^n coalitions; at most " + MAX_EXACT_PLAYERS + " players, got " + n);
        }
        CountedUtility u = new CountedUtility(utility);
        long all = 1L << n;
        double[] worth = new double[(int) all];
        for (long s = 0; s < all; s++) {
            worth[(int) s] = u.of(s);
        }
        // weight of a coalition of size s that excludes i: s! (n-s-1)! / n! = 1 / (n * C(n-1, s))
        double[] weight = new double[n];
        for (int s = 0; s < n; s++) {
            weight[s] = 1.0 / (n * binomial(n - 1, s));
        }
        double[] phi = new double[n];
        for (long s = 0; s < all; s++) {
            int size = Long.bitCount(s);
            for (int i = 0; i < n; i++) {
                if ((s & (1L << i)) == 0) {
                    phi[i] += weight[size] * (worth[(int) (s | (1L << i))] - worth[(int) s]);
                }
            }
        }
        return new Valuation(phi, u.evaluations());
    }

    /** Leave-one-out: what the full coalition loses without each player. */
    public static Valuation leaveOneOut(int n, Utility utility) {
        checkPlayers(n);
        CountedUtility u = new CountedUtility(utility);
        long full = fullSet(n);
        double whole = u.of(full);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = whole - u.of(full & ~(1L << i));
        }
        return new Valuation(values, u.evaluations());
    }

    /**
     * Truncated Monte Carlo Shapley (Ghorbani &amp; Zou 2019, Algorithm 1): the mean marginal contribution over
     * {@code permutations} uniformly random orders; once a prefix is within {@code tolerance} of {@code U(N)} the rest
     * of the order adds nothing and is not evaluated ("performance tolerance", absolute, in the utility's unit).
     */
    public static Valuation monteCarlo(int n, Utility utility, int permutations, double tolerance, SplittableRandom random) {
        checkPlayers(n);
        checkSampling(permutations, tolerance);
        CountedUtility u = new CountedUtility(utility);
        double whole = u.of(fullSet(n));
        double empty = u.of(0L);
        double[] phi = new double[n];
        int[] order = identity(n);
        for (int t = 0; t < permutations; t++) {
            shuffle(order, 0, random);
            walk(order, u, empty, whole, tolerance, phi);
        }
        return new Valuation(mean(phi, permutations), u.evaluations());
    }

    /**
     * GTG-Shapley (Liu et al. 2022, Algorithm 1) on one round: when the round's model gains less than
     * {@code roundTolerance} over the previous one ({@code |U(N) - U(empty)|}), the round is truncated and every value is 0
     * (two evaluations); otherwise {@code permutations} guided orders, the k-th led by player {@code k mod n} (each
     * player gets to be first equally often) with the rest shuffled, each walked with the within-round truncation of
     * {@link #monteCarlo} ({@code tolerance}).
     */
    public static Valuation gtg(int n, Utility utility, int permutations, double tolerance, double roundTolerance, SplittableRandom random) {
        checkPlayers(n);
        checkSampling(permutations, tolerance);
        if (!(roundTolerance >= 0)) {
            throw new IllegalArgumentException("round tolerance must be non-negative, got " + roundTolerance);
        }
        CountedUtility u = new CountedUtility(utility);
        double whole = u.of(fullSet(n));
        double empty = u.of(0L);
        if (Math.abs(whole - empty) <= roundTolerance) {
            return new Valuation(new double[n], u.evaluations());
        }
        double[] phi = new double[n];
        int[] order = identity(n);
        for (int k = 0; k < permutations; k++) {
            int leader = k % n;
            // the leader first, the others in a fresh random order behind it
            int at = indexOf(order, leader);
            order[at] = order[0];
            order[0] = leader;
            shuffle(order, 1, random);
            walk(order, u, empty, whole, tolerance, phi);
        }
        return new Valuation(mean(phi, permutations), u.evaluations());
    }

    /** Adds each player's marginal contribution along {@code order} to {@code phi}, truncating near {@code U(N)}. */
    private static void walk(int[] order, CountedUtility u, double empty, double whole, double tolerance, double[] phi) {
        long prefix = 0;
        double before = empty;
        for (int player : order) {
            prefix |= 1L << player;
            double after = Math.abs(whole - before) < tolerance ? before : u.of(prefix);
            phi[player] += after - before;
            before = after;
        }
    }

    private static double[] mean(double[] sums, int count) {
        double[] out = new double[sums.length];
        for (int i = 0; i < sums.length; i++) {
            out[i] = sums[i] / count;
        }
        return out;
    }

    /** Fisher-Yates over {@code order[from..]}, drawing from the caller's seeded stream. */
    private static void shuffle(int[] order, int from, SplittableRandom random) {
        for (int i = order.length - 1; i > from; i--) {
            int j = from + random.nextInt(i - from + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }

    private static int indexOf(int[] order, int player) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] == player) {
                return i;
            }
        }
        throw new IllegalStateException("player " + player + " is not in the order");
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    static long fullSet(int n) {
        return (1L << n) - 1;
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    private static void checkPlayers(int n) {
        if (n < 1 || n > MAX_PLAYERS) {
            throw new IllegalArgumentException("between 1 and " + MAX_PLAYERS + " players, got " + n);
        }
    }

    private static void checkSampling(int permutations, double tolerance) {
        if (permutations < 1) {
            throw new IllegalArgumentException("at least one permutation, got " + permutations);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be non-negative, got " + tolerance);
        }
    }
}
