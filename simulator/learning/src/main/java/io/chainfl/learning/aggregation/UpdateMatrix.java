package io.chainfl.learning.aggregation;

import java.util.List;

/**
 * The round's updates as one {@code clients x params} array of rows, in the order given (the aggregators pass them
 * in participant order). Plain Java arrays rather than a tensor library's matrix: every sum the aggregators take
 * over it is a loop whose order is written down, so results are the same on every CPU.
 */
public final class UpdateMatrix {
    private UpdateMatrix() {}

    /**
     * The updates' deltas, one row each (the arrays themselves, not copies: callers only read them).
     *
     * @throws IllegalArgumentException when there are no updates or their lengths differ
     */
    public static float[][] stack(List<ClientUpdate> updates) {
        if (updates.isEmpty()) {
            throw new IllegalArgumentException("no updates to stack");
        }
        int length = updates.get(0).delta().length;
        float[][] rows = new float[updates.size()][];
        for (int i = 0; i < rows.length; i++) {
            float[] delta = updates.get(i).delta();
            if (delta.length != length) {
                throw new IllegalArgumentException("participant " + updates.get(i).participantId() + " sent " + delta.length + " values, expected " + length);
            }
            rows[i] = delta;
        }
        return rows;
    }
}
