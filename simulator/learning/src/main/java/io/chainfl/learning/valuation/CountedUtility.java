package io.chainfl.learning.valuation;

import java.util.HashMap;
import java.util.Map;

/**
 * A utility that remembers what it computed and counts the distinct coalitions it evaluated: the cost of a valuation
 * method is how many models it has to evaluate, and a coalition asked for twice (the empty and the full set in every
 * permutation) is evaluated once. Not thread-safe: one valuation at a time.
 */
public final class CountedUtility implements Utility {
    private final Utility utility;
    private final Map<Long, Double> known = new HashMap<>();

    public CountedUtility(Utility utility) {
        this.utility = utility;
    }

    @Override
    public double of(long coalition) {
        Double cached = known.get(coalition);
        if (cached != null) {
            return cached;
        }
        double value = utility.of(coalition);
        known.put(coalition, value);
        return value;
    }

    /** Distinct coalitions evaluated so far. */
    public long evaluations() {
        return known.size();
    }
}
