package io.chainfl.learning.valuation;

/**
 * A cooperative game's characteristic function U(S): the worth of a coalition of players {@code 0..n-1}, given as a
 * bit set ({@code 1L << i} is player i; at most 62 players). In data valuation, the accuracy of the model that the
 * coalition's data (or updates) produce.
 */
@FunctionalInterface
public interface Utility {
    double of(long coalition);
}
