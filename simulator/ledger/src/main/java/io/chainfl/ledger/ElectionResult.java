package io.chainfl.ledger;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Outcome of a round's election: the winners in rank order (highest total first, ties to the lower id),
 * every candidate's total positional score, and the receipt of the tally transaction.
 */
public record ElectionResult(long round, List<Integer> winners, SortedMap<Integer, Long> totals, TxReceipt receipt) {
    public ElectionResult {
        winners = List.copyOf(winners);
        totals = Collections.unmodifiableSortedMap(new TreeMap<>(totals));
    }
}
