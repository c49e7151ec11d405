package io.chainfl.learning.aggregation;

import static io.chainfl.learning.aggregation.Fixtures.shuffled;
import static io.chainfl.learning.aggregation.Fixtures.updates;
import static io.chainfl.learning.aggregation.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainfl.engine.checkpoint.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearestNeighbourMixingTest {
    @Test
    void replacesEachUpdateByTheMeanOfItsNearest() {
        // 0, 1, 2, 10 with f = 1: each takes its 3 nearest, itself included: 0 -> {0,1,2} = 1, 1 -> {0,1,2} = 1,
        // 2 -> {0,1,2} = 1 (10 is 8 away), 10 -> {1,2,10} = 13/3
        NearestNeighbourMixing nnm = new NearestNeighbourMixing(1, new CoordinateMedian());
        List<ClientUpdate> mixed = nnm.mix(updates(v(0), v(1), v(2), v(10)));
        assertEquals(List.of(0, 1, 2, 3), mixed.stream().map(ClientUpdate::participantId).toList());
        assertArrayEquals(v(1), mixed.get(0).delta(), 1e-7f);
        assertArrayEquals(v(1), mixed.get(1).delta(), 1e-7f);
        assertArrayEquals(v(1), mixed.get(2).delta(), 1e-7f);
        assertArrayEquals(v(13f / 3), mixed.get(3).delta(), 1e-6f);
        // then the median of 1, 1, 1, 13/3 is 1; then fedavg (weights 1) is (3 + 13/3) / 4 = 11/6
        assertArrayEquals(v(1), nnm.aggregate(updates(v(0), v(1), v(2), v(10))), 1e-7f);
        assertArrayEquals(v(11f / 6), new NearestNeighbourMixing(1, new FedAvg()).aggregate(updates(v(0), v(1), v(2), v(10))), 1e-6f);
    }

    @Test
    void tiesGoToTheLowerIdAndTheUpdateItselfComesFirst() {
        // 0, 1, -1 with f = 1 (2 neighbours): for participant 0, 1 and -1 are both 1 away: the lower id (1) -> (0 + 1) / 2
        // three identical updates: each mixes itself with the lowest other id
        NearestNeighbourMixing nnm = new NearestNeighbourMixing(1, new FedAvg());
        assertArrayEquals(v(0.5f), nnm.mix(updates(v(0), v(1), v(-1))).get(0).delta(), 0f);
        assertArrayEquals(v(-0.5f), nnm.mix(updates(v(0), v(1), v(-1))).get(2).delta(), 0f);
        // f = 0: every update mixes with all; f = n - 1: nobody else, the updates stay
        assertArrayEquals(v(0), new NearestNeighbourMixing(0, new FedAvg()).mix(updates(v(0), v(1), v(-1))).get(1).delta(), 0f);
        assertArrayEquals(v(1), new NearestNeighbourMixing(2, new FedAvg()).mix(updates(v(0), v(1), v(-1))).get(1).delta(), 0f);
    }

    @Test
    void keepsWeightsPassesTheRoundOnAndIgnoresInputOrder() {
        List<ClientUpdate> updates = List.of(new ClientUpdate(3, v(1, 2), 5), new ClientUpdate(1, v(0, 1), 2), new ClientUpdate(2, v(4, -1), 9));
        NearestNeighbourMixing nnm = new NearestNeighbourMixing(1, MultiKrum.krum(0));
        assertEquals(List.of(2L, 9L, 5L), nnm.mix(updates).stream().map(ClientUpdate::weight).toList());
        assertArrayEquals(nnm.aggregate(updates), nnm.aggregate(shuffled(updates, 4)), 0f);
        assertThrows(IllegalArgumentException.class, () -> new NearestNeighbourMixing(3, new FedAvg()).aggregate(updates));
        // the inner rule's state goes into checkpoints under then/
        CenteredClipping inner = new CenteredClipping(1, 1);
        NearestNeighbourMixing stateful = new NearestNeighbourMixing(1, inner);
        stateful.aggregate(updates);
        Snapshot.Builder out = Snapshot.builder();
        stateful.saveState(out, "aggregator/");
        Snapshot saved = out.build();
        assertArrayEquals(inner.center(), saved.requireFloats("aggregator/then/center"), 0f);
        CenteredClipping restoredInner = new CenteredClipping(1, 1);
        new NearestNeighbourMixing(1, restoredInner).restoreState(saved, "aggregator/");
        assertArrayEquals(inner.center(), restoredInner.center(), 0f);
    }
}
