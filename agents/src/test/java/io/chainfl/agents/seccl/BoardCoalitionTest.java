package io.chainfl.agents.seccl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.chainfl.agents.adversary.AdversaryPlan;
import io.chainfl.agents.adversary.IpmParams;
import io.chainfl.agents.seccl.SecclMessages.Upload;
import io.chainfl.learning.aggregation.SparseUpdate;
import io.chainfl.engine.seed.SeedStreams;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** IPM under SecCL by hand: participant 2 colludes; 0 and 1 are benign; 4 parameters, half of them shared. */
class BoardCoalitionTest {
    private static Upload upload(int id, int round, float... dense) {
        return new Upload(id, round, SparseUpdate.topK(dense, 0.5), 0.1, 10);
    }

    private static Map<Integer, Upload> round(int round, float[] p0, float[] p1, float[] p2) {
        Map<Integer, Upload> uploads = new TreeMap<>();
        uploads.put(0, upload(0, round, p0));
        uploads.put(1, upload(1, round, p1));
        uploads.put(2, upload(2, round, p2));
        return uploads;
    }

    @Test
    void craftsFromThePreviousRoundsRelayedBenignUploadsOnly() {
        AdversaryPlan plan = AdversaryPlan.of(List.of(new IpmParams(null, List.of(2), 1, 2.0)), 3, new SeedStreams(1));
        BoardCoalition colluders = new BoardCoalition(plan.craftingCoalition(), 0.5, 4);

        Map<Integer, Upload> first = round(1, new float[] {4, 0, 2, 0}, new float[] {0, 6, 2, 0}, new float[] {1, 1, 1, 9});
        Map<Integer, Upload> out1 = colluders.apply(1, first);
        assertSame(first.get(2), out1.get(2), "round 1: nothing relayed yet, the colluder uploads honestly");
        assertEquals(first, out1);

        // round 1's benign uploads as relayed (2 largest coordinates each): {4, 0, 2, 0} and {0, 6, 2, 0};
        // their mean is {2, 3, 2, 0}, IPM uploads -2 x mean = {-4, -6, -4, 0}, whose 2 largest are indices 1 and 0 (tie to the lower)
        Map<Integer, Upload> second = round(2, new float[] {9, 9, 0, 0}, new float[] {9, 9, 0, 0}, new float[] {1, 1, 1, 9});
        Upload crafted = colluders.apply(2, second).get(2);
        assertArrayEquals(new int[] {0, 1}, crafted.update().indices());
        assertArrayEquals(new float[] {-4, -6}, crafted.update().values());
        assertEquals(2, crafted.participant());
        assertEquals(second.get(0), colluders.apply(2, second).get(0), "benign uploads pass unchanged");
    }
}
