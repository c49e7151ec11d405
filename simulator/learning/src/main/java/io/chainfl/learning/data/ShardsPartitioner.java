package io.chainfl.learning.data;

import io.chainfl.engine.UserError;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The pathological non-IID split of McMahan et al. (2017): sort the pool by label, cut it into
 * {@code participants * shardsPerParticipant} equal shards, and deal each participant that many random shards,
 * so each sees only about {@code shardsPerParticipant} classes.
 */
public final class ShardsPartitioner implements Partitioner {
    private final int shardsPerParticipant;

    public ShardsPartitioner(int shardsPerParticipant) {
        if (shardsPerParticipant < 1) {
            throw new IllegalArgumentException("shardsPerParticipant must be at least 1: " + shardsPerParticipant);
        }
        this.shardsPerParticipant = shardsPerParticipant;
    }

    @Override
    public List<int[]> partition(int[] labels, int numClasses, int participants, SplittableRandom rng) {
        Partitioner.requireEnoughSamples(labels.length, participants);
        int shards = participants * shardsPerParticipant;
        if (shards > labels.length) {
            throw new UserError("data.partition: " + participants + " participants x " + shardsPerParticipant
                    + " shards = " + shards + " shards but the pool has only " + labels.length
                    + " samples; lower data.partition.shards_per_participant or the participants, or raise data.limit");
        }
        // shuffle within each class (random order, then a stable sort by label) so shards are random samples
        int[][] byClass = Partitions.indicesByClass(labels, numClasses);
        int[] sortedByLabel = new int[labels.length];
        int position = 0;
        for (int[] members : byClass) {
            int[] shuffled = members.clone();
            RandomDraws.shuffle(shuffled, rng);
            System.arraycopy(shuffled, 0, sortedByLabel, position, shuffled.length);
            position += shuffled.length;
        }
        int[] shardSizes = Partitions.evenSizes(labels.length, shards);
        int[] shardStart = new int[shards + 1];
        for (int s = 0; s < shards; s++) {
            shardStart[s + 1] = shardStart[s] + shardSizes[s];
        }
        int[] shardOrder = RandomDraws.permutation(shards, rng);
        List<int[]> parts = new java.util.ArrayList<>(participants);
        for (int p = 0; p < participants; p++) {
            int size = 0;
            for (int k = 0; k < shardsPerParticipant; k++) {
                size += shardSizes[shardOrder[p * shardsPerParticipant + k]];
            }
            int[] part = new int[size];
            int filled = 0;
            for (int k = 0; k < shardsPerParticipant; k++) {
                int shard = shardOrder[p * shardsPerParticipant + k];
                int length = shardStart[shard + 1] - shardStart[shard];
                System.arraycopy(sortedByLabel, shardStart[shard], part, filled, length);
                filled += length;
            }
            Arrays.sort(part);
            parts.add(part);
        }
        return parts;
    }
}
