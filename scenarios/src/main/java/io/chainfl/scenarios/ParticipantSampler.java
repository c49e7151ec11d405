package io.chainfl.scenarios;

import io.chainfl.engine.seed.SeedStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Client sampling per round: a seeded draw of {@code ceil(fraction * n)} participants, returned sorted. */
public final class ParticipantSampler {
    private final int participants;
    private final double fraction;
    private final SeedStreams seeds;

    public ParticipantSampler(int participants, double fraction, SeedStreams seeds) {
        this.participants = participants;
        this.fraction = fraction;
        this.seeds = seeds;
    }

    /** How many participants a round samples: {@code ceil(fraction * participants)}, at least one. */
    public static int perRound(int participants, double fraction) {
        return Math.max(1, (int) Math.ceil(fraction * participants - 1e-9));
    }

    /** The smallest participant count whose rounds sample at least {@code updates} participants (may exceed int: fraction is tiny). */
    public static long smallestParticipantsFor(int updates, double fraction) {
        long n = Math.max(1, (long) Math.floor((updates - 1) / fraction) - 2);
        while (Math.max(1, (long) Math.ceil(fraction * n - 1e-9)) < updates) {
            n++;
        }
        return n;
    }

    public List<Integer> select(int round) {
        int k = perRound(participants, fraction);
        int[] ids = new int[participants];
        for (int i = 0; i < participants; i++) {
            ids[i] = i;
        }
        if (k < participants) {
            SplittableRandom rng = seeds.stream("sampling", round);
            for (int i = 0; i < k; i++) {
                int j = i + rng.nextInt(participants - i);
                int t = ids[i];
                ids[i] = ids[j];
                ids[j] = t;
            }
        }
        List<Integer> chosen = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            chosen.add(ids[i]);
        }
        chosen.sort(Integer::compare);
        return List.copyOf(chosen);
    }
}
