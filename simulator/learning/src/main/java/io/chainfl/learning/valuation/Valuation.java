package io.chainfl.learning.valuation;

/**
 * What a valuation method gave: each player's value (index = player) and how many coalitions it evaluated (its cost:
 * one model evaluation on the validation set each).
 */
public record Valuation(double[] values, long evaluations) {
    public Valuation {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public double value(int player) {
        return values[player];
    }

    public int players() {
        return values.length;
    }
}
