package io.chainfl.learning.aggregation;

import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.data.RandomDraws;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Bucketing (Karimireddy, He and Jaggi, "Byzantine-Robust Learning on Heterogeneous Datasets via Bucketing", ICLR
 * 2022, Algorithm 1): the round's n updates are shuffled into {@code ceil(n / s)} buckets of {@code s} (the last one
 * smaller when s does not divide n), each bucket is replaced by the unweighted mean of its updates, and another rule
 * (the {@code then:} section, e.g. {@code {type: bucketing, bucket_size: 2, then: {type: krum, f: 2}}}) aggregates the
 * bucket means. Averaging within buckets shrinks the spread that heterogeneous honest data causes, so the inner rule
 * can tell honest from Byzantine again; a Byzantine update spoils at most its own bucket.
 *
 * <p>The shuffle is a Fisher-Yates permutation of the participant-ordered updates drawn from the seed stream
 * {@code server/bucketing/round/r}, so the buckets depend on the seed and round, never on the order updates arrived in.
 * Bucket {@code b} goes to the inner rule as participant id {@code b} with the summed data sizes of its members; each
 * mean is summed in participant order. The inner rule gets {@link #beginRound} and its checkpoint state passed
 * through (its ids are bucket numbers, so a rule that remembers participants, foolsgold, remembers buckets instead).
 */
public final class Bucketing implements Aggregator {

    /** The config section; {@code then} defaults to the coordinate-wise median. */
    public record Params(
            @Doc("bucket size s: updates per bucket (ceil(n / s) buckets, the last one smaller when s does not divide n)")
            @Range(min = 1, max = 1_000_000) Integer bucketSize,
            @Doc("the rule that aggregates the bucket means, any aggregator section, e.g. {type: krum, f: 2}")
            AggregatorParams then)
            implements AggregatorParams {
        public Params {
            bucketSize = bucketSize == null ? 2 : bucketSize;
            then = then == null ? new AggregatorParams.MedianParams() : then;
        }

        /** The inner rule needs m bucket means: ceil(n / s) >= m, i.e. n >= s (m - 1) + 1. */
        @Override
        public Optional<MinimumUpdates> minimumUpdates() {
            return MinimumUpdates.of(then).filter(m -> m.minimum() > 1).map(m -> new MinimumUpdates(
                    MinimumUpdates.clamp((long) bucketSize * (m.minimum() - 1) + 1),
                    m.minimum() + " bucket means for " + Aggregators.nameOf(then.getClass()) + " (" + m.rule() + ") from buckets of " + bucketSize,
                    "bucket_size or then." + m.knobs()));
        }
    }

    private final int bucketSize;
    private final Aggregator then;
    private final SeedStreams seeds;
    private int round = -1;

    public Bucketing(int bucketSize, Aggregator then, SeedStreams seeds) {
        if (bucketSize < 1) {
            throw new IllegalArgumentException("bucketing bucket_size must be >= 1, got " + bucketSize);
        }
        this.bucketSize = bucketSize;
        this.then = Objects.requireNonNull(then, "then");
        this.seeds = Objects.requireNonNull(seeds, "seeds");
    }

    @Override
    public String name() {
        return "bucketing";
    }

    @Override
    public void beginRound(int round, float[] globalParams) {
        synchronized (this) {
            this.round = round;
        }
        then.beginRound(round, globalParams);
    }

    @Override
    public float[] aggregate(List<ClientUpdate> updates) {
        return then.aggregate(buckets(updates));
    }

    /** The bucket means, bucket b as participant b. */
    synchronized List<ClientUpdate> buckets(List<ClientUpdate> updates) {
        if (round < 0) {
            throw new IllegalStateException("bucketing: aggregate called before beginRound (its shuffle is drawn per round)");
        }
        List<ClientUpdate> ordered = Updates.byParticipant(updates);
        float[][] rows = UpdateMatrix.stack(ordered);
        int n = rows.length;
        int[] order = RandomDraws.permutation(n, seeds.stream("server", "bucketing", "round", round));
        List<ClientUpdate> buckets = new ArrayList<>();
        for (int start = 0, b = 0; start < n; start += bucketSize, b++) {
            int[] members = Arrays.copyOfRange(order, start, Math.min(n, start + bucketSize));
            Arrays.sort(members); // sum in participant order
            float[][] memberRows = new float[members.length][];
            long weight = 0;
            for (int k = 0; k < members.length; k++) {
                memberRows[k] = rows[members[k]];
                weight += ordered.get(members[k]).weight();
            }
            buckets.add(new ClientUpdate(b, Updates.mean(memberRows), weight));
        }
        return buckets;
    }

    @Override
    public void saveState(Snapshot.Builder out, String prefix) {
        then.saveState(out, prefix + "then/");
    }

    @Override
    public void restoreState(Snapshot in, String prefix) {
        then.restoreState(in, prefix + "then/");
    }
}
