package io.chainfl.learning.aggregation;

import static io.chainfl.learning.aggregation.Fixtures.shuffled;
import static io.chainfl.learning.aggregation.Fixtures.updates;
import static io.chainfl.learning.aggregation.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainfl.engine.checkpoint.Snapshot;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FoolsGoldTest {
    @Test
    void identicalHistoriesGetNoWeight() {
        // 0 and 1 send (1,0), 2 sends (0,1): cs01 = 1, cs02 = cs12 = 0, v = (1, 1, 0); pardoning scales cs2k by 0/1
        // alpha = 1 - max row = (0, 0, 1) -> 1 becomes 0.99 -> logit ln 99 + 0.5 > 1 -> 1; ln 0 -> 0. Weights (0, 0, 1).
        assertArrayEquals(new double[] {0, 0, 1}, FoolsGold.weights(new float[][] {v(1, 0), v(1, 0), v(0, 1)}, 1), 0);
        assertArrayEquals(v(0, 1), new FoolsGold(1).aggregate(updates(v(1, 0), v(1, 0), v(0, 1))), 0f);
    }

    @Test
    void logitWeightsBetweenZeroAndOne() {
        // (1,0,0), (0.5, sqrt3/2, 0), (0,0,1): cs01 = 0.5, the third is orthogonal to both. v = (0.5, 0.5, 0); pardoning
        // only touches row 2 (zeros). alpha = (0.5, 0.5, 1), divided by 1, 1 -> 0.99; logit: ln(0.5/0.5) + 0.5 = 0.5 and
        // ln 99 + 0.5 -> 1. Weighted mean: (0.5 (1,0,0) + 0.5 (0.5, 0.866, 0) + (0,0,1)) / 2 = (0.375, 0.2165, 0.5)
        float s = (float) (Math.sqrt(3) / 2);
        float[][] h = {v(1, 0, 0), v(0.5f, s, 0), v(0, 0, 1)};
        assertArrayEquals(new double[] {0.5, 0.5, 1}, FoolsGold.weights(h, 1), 1e-6);
        assertArrayEquals(new double[] {1, 1, 1}, FoolsGold.weights(h, 3), 1e-6, "confidence 3: 3 * 0.5 clipped to 1");
        assertArrayEquals(v(0.375f, s / 4, 0.5f), new FoolsGold(1).aggregate(updates(h)), 1e-6f);
    }

    @Test
    void pardonsAClientThatOnlyResemblesTheCloserPair() {
        // (1,0), (0.6,0.8), (0,1): cs01 = 0.6, cs12 = 0.8, cs02 = 0; v = (0.6, 0.8, 0.8). Pardoning: row 0 has
        // v0 < v1 and v0 < v2: cs01 = 0.6 * 0.6/0.8 = 0.45. alpha = (1 - 0.45, 1 - 0.8, 1 - 0.8) = (0.55, 0.2, 0.2),
        // divided by 0.55: (1 -> 0.99, 0.3636, 0.3636); logit ln(0.3636/0.6364) + 0.5 = -0.0596 -> 0. Weights (1, 0, 0).
        assertArrayEquals(new double[] {1, 0, 0}, FoolsGold.weights(new float[][] {v(1, 0), v(0.6f, 0.8f), v(0, 1)}, 1), 1e-9);
    }

    @Test
    void historiesAccumulateAcrossRoundsAndSurviveACheckpoint() {
        FoolsGold uninterrupted = new FoolsGold(1);
        FoolsGold stopped = new FoolsGold(1);
        List<List<ClientUpdate>> rounds = List.of(
                updates(v(1, 0), v(1, 0), v(0, 1)),
                updates(v(0, 2), v(0, 2), v(2, 0)),
                List.of(new ClientUpdate(0, v(1, 1), 1), new ClientUpdate(2, v(0.5f, 1), 1), new ClientUpdate(3, v(-1, 0.2f), 1)));
        uninterrupted.aggregate(rounds.get(0));
        uninterrupted.aggregate(rounds.get(1));
        stopped.aggregate(rounds.get(0));
        stopped.aggregate(rounds.get(1));
        Snapshot.Builder out = Snapshot.builder();
        stopped.saveState(out, "aggregator/");
        Snapshot saved = out.build();
        // h0 = (1,0) + (0,2) = (1,2), h2 = (0,1) + (2,0) = (2,1), bit for bit
        assertArrayEquals(v(1, 2), saved.requireFloats("aggregator/history/0"), 0f);
        assertArrayEquals(v(2, 1), saved.requireFloats("aggregator/history/2"), 0f);
        FoolsGold resumed = new FoolsGold(1);
        resumed.restoreState(saved, "aggregator/");
        assertEquals(Set.of(0, 1, 2), resumed.participants());
        float[] expected = uninterrupted.aggregate(rounds.get(2));
        assertArrayEquals(expected, resumed.aggregate(rounds.get(2)), 0f);
        FoolsGold forgetful = new FoolsGold(1);
        forgetful.aggregate(rounds.get(2));
        assertEquals(Set.of(0, 2, 3), forgetful.participants(), "only who sent something has a history");
    }

    @Test
    void inputOrderDoesNotMatterAndBadConfidenceIsRefused() {
        List<ClientUpdate> updates = updates(v(1, 0, 3), v(0.9f, 0.1f, 3), v(0, 1, -1), v(-2, 0.5f, 0), v(0.3f, 0.3f, 0.3f));
        assertArrayEquals(new FoolsGold(1).aggregate(updates), new FoolsGold(1).aggregate(shuffled(updates, 9)), 0f);
        assertThrows(IllegalArgumentException.class, () -> new FoolsGold(0));
    }
}
