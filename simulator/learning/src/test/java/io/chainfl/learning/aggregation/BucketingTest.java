package io.chainfl.learning.aggregation;

import static io.chainfl.learning.aggregation.Fixtures.shuffled;
import static io.chainfl.learning.aggregation.Fixtures.updates;
import static io.chainfl.learning.aggregation.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.data.RandomDraws;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketingTest {
    private static Bucketing bucketing(int size, Aggregator then, int round) {
        Bucketing b = new Bucketing(size, then, new SeedStreams(42));
        b.beginRound(round, null);
        return b;
    }

    @Test
    void bucketsFollowTheRoundsSeededPermutation() {
        // values 1, 2, 4, 8, 16 (participants 0..4), buckets of 2: ceil(5/2) = 3 buckets, the last of one. The permutation
        // is the one of stream server/bucketing/round/7; each bucket's mean is (sum of its members' values) / size
        List<ClientUpdate> updates = updates(v(1), v(2), v(4), v(8), v(16));
        int[] order = RandomDraws.permutation(5, new SeedStreams(42).stream("server", "bucketing", "round", 7));
        List<ClientUpdate> buckets = bucketing(2, new FedAvg(), 7).buckets(updates);
        assertEquals(3, buckets.size());
        assertEquals(List.of(0, 1, 2), buckets.stream().map(ClientUpdate::participantId).toList());
        assertEquals(List.of(2L, 2L, 1L), buckets.stream().map(ClientUpdate::weight).toList());
        float[] values = {1, 2, 4, 8, 16};
        assertArrayEquals(v((values[order[0]] + values[order[1]]) / 2), buckets.get(0).delta(), 0f);
        assertArrayEquals(v((values[order[2]] + values[order[3]]) / 2), buckets.get(1).delta(), 0f);
        assertArrayEquals(v(values[order[4]]), buckets.get(2).delta(), 0f);
        assertFalse(Arrays.equals(buckets.stream().map(u -> u.delta()[0]).toArray(),
                bucketing(2, new FedAvg(), 8).buckets(updates).stream().map(u -> u.delta()[0]).toArray()), "another round, another shuffle");
    }

    @Test
    void handComputedCompositions() {
        // 0, 1, 2, 3 in buckets of 2: two means whose average is the overall mean 1.5 whatever the shuffle; the median of
        // two values is their mean too. Buckets of 1: the inner rule on the updates themselves (median of 0, 1, 2, 30 = 1.5).
        // Buckets of 4: one bucket, the plain mean 9
        assertArrayEquals(v(1.5f), bucketing(2, new FedAvg(), 1).aggregate(updates(v(0), v(1), v(2), v(3))), 1e-7f);
        assertArrayEquals(v(1.5f), bucketing(2, new CoordinateMedian(), 1).aggregate(updates(v(0), v(1), v(2), v(3))), 1e-7f);
        assertArrayEquals(v(1.5f), bucketing(1, new CoordinateMedian(), 1).aggregate(updates(v(0), v(1), v(2), v(30))), 0f);
        assertArrayEquals(v(8.25f), bucketing(4, new CoordinateMedian(), 1).aggregate(updates(v(0), v(1), v(2), v(30))), 0f);
    }

    @Test
    void ignoresInputOrderAndNeedsARound() {
        List<ClientUpdate> updates = Fixtures.withByzantine(v(0.2f, 0.4f), 8, 2);
        assertArrayEquals(bucketing(2, MultiKrum.krum(1), 5).aggregate(updates), bucketing(2, MultiKrum.krum(1), 5).aggregate(shuffled(updates, 2)), 0f);
        Bucketing unstarted = new Bucketing(2, new FedAvg(), new SeedStreams(1));
        assertThrows(IllegalStateException.class, () -> unstarted.aggregate(updates));
        assertThrows(IllegalArgumentException.class, () -> new Bucketing(0, new FedAvg(), new SeedStreams(1)));
    }

    @Test
    void minimumUpdatesCountsBuckets() {
        // krum f = 2 needs 7 bucket means: with buckets of 3, ceil(n / 3) >= 7 means n >= 19
        MinimumUpdates m = new Bucketing.Params(3, new AggregatorParams.KrumParams(2)).minimumUpdates().orElseThrow();
        assertEquals(19, m.minimum());
        assertEquals("bucket_size or then.f", m.knobs());
        assertEquals(java.util.Optional.empty(), new Bucketing.Params(3, null).minimumUpdates(), "the median takes any number");
    }
}
