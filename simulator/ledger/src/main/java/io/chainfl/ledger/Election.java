package io.chainfl.ledger;

import java.util.List;

/**
 * SecCL's consensus contract: a multi-winner positional (Borda) election per round.
 * <ol>
 *   <li>{@link #open}: fixes the number of winners M and the scoring vector (default {@code [M, M-1, ..., 1]}).</li>
 *   <li>{@link #castBallot}: one ballot per voter: its scores (fixed-point integers, e.g. F1 x 1e6) for the
 *       other participants. The contract ranks the candidates by score (descending, ties to the lower id) and
 *       gives {@code scoringVector[k]} points to the candidate at position k, 0 to candidates past the vector.</li>
 *   <li>{@link #tally}: the M candidates with the highest totals win (ties to the lower id); emits the winners.</li>
 * </ol>
 * Reverts: "election exists", "no election", "already voted", "length mismatch", "self vote",
 * "duplicate candidate", "already tallied".
 */
public interface Election {
    TxReceipt open(long round, int winners, List<Long> scoringVector);

    TxReceipt castBallot(long round, int voter, List<Integer> candidates, List<Long> scores);

    ElectionResult tally(long round);

    /** Default Borda vector for M winners: {@code [M, M-1, ..., 1]}. */
    static List<Long> bordaVector(int winners) {
        Long[] v = new Long[winners];
        for (int k = 0; k < winners; k++) {
            v[k] = (long) (winners - k);
        }
        return List.of(v);
    }
}
