package io.chainfl.learning.aggregation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Small helpers shared by the aggregator tests. */
final class Fixtures {
    private Fixtures() {}

    /** Updates with participant ids 0, 1, ... and weight 1. */
    static List<ClientUpdate> updates(float[]... deltas) {
        List<ClientUpdate> out = new ArrayList<>();
        for (int i = 0; i < deltas.length; i++) {
            out.add(new ClientUpdate(i, deltas[i], 1));
        }
        return out;
    }

    static float[] v(float... values) {
        return values;
    }

    /** The same updates in a different, seeded order. */
    static List<ClientUpdate> shuffled(List<ClientUpdate> updates, long seed) {
        List<ClientUpdate> copy = new ArrayList<>(updates);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }

    /** {@code honest} updates scattered by at most 0.1 around {@code center}, then {@code byzantine} ones at +1000. */
    static List<ClientUpdate> withByzantine(float[] center, int honest, int byzantine) {
        Random random = new Random(7);
        List<ClientUpdate> out = new ArrayList<>();
        for (int i = 0; i < honest + byzantine; i++) {
            float[] delta = new float[center.length];
            for (int j = 0; j < delta.length; j++) {
                delta[j] = i < honest ? center[j] + (float) (random.nextDouble() * 0.2 - 0.1) : 1000f;
            }
            out.add(new ClientUpdate(i, delta, 1));
        }
        return out;
    }

    static float[] mean(List<ClientUpdate> updates, int count) {
        float[] out = new float[updates.get(0).delta().length];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < out.length; j++) {
                out[j] += updates.get(i).delta()[j] / count;
            }
        }
        return out;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
