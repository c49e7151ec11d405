package io.chainfl.agents.adversary;

import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.aggregation.ClientUpdate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The crafting of {@link MimicParams}, following the paper's rule (and the authors' code): in the first warmup round
 * mu is the benign mean and z one power-iteration step, from a seeded Gaussian start, of the benign updates' scatter
 * matrix: z = sum_i ((g_i - mu) . z0) (g_i - mu), normalised. In each later warmup round t (t = 1, 2, ...) mu and z
 * are running averages: mu = t/(t+1) mu + mean/(t+1), z = t/(t+1) z + step/|step|/(t+1), normalised, where step is
 * the power step from z. In every warmup round the copied participant is the benign one whose update has the
 * largest inner product with z; after warmup it stays fixed. A round in which it has no update (not sampled, dropped)
 * the colluders copy the round's benign update with the largest inner product with z instead.
 *
 * <p>State between rounds: the rounds attacked, mu, z and the copied participant; {@link #save} writes them (doubles
 * bit for bit) so a resumed run continues exactly.
 */
final class MimicAttack implements CoalitionAttack.Crafter {
    private final int warmupRounds;
    private final SeedStreams seeds;
    private long attackedRounds;
    private double[] mu;
    private double[] z;
    private int copied = -1;

    MimicAttack(int warmupRounds, SeedStreams seeds) {
        this.warmupRounds = warmupRounds;
        this.seeds = seeds;
    }

    @Override
    public float[][] craft(CoalitionAttack.Round round) {
        List<ClientUpdate> benign = round.benign();
        float[][] rows = round.benignRows();
        if (attackedRounds < warmupRounds) {
            estimate(rows, round.colluders().get(0).participantId());
            copied = benign.get(furthestAlongZ(rows)).participantId();
        }
        attackedRounds++;
        float[] upload = null;
        for (ClientUpdate u : benign) {
            if (u.participantId() == copied) {
                upload = u.delta();
            }
        }
        if (upload == null) {
            upload = rows[furthestAlongZ(rows)];
        }
        float[][] uploads = new float[round.colluders().size()][];
        Arrays.fill(uploads, upload);
        return uploads;
    }

    /** One warmup round's update of mu and z. */
    private void estimate(float[][] rows, int firstColluder) {
        double[] mean = Stats.mean(rows);
        if (attackedRounds == 0) {
            mu = mean;
            SplittableRandom start = seeds.stream("adversary", "mimic", firstColluder, "z");
            double[] z0 = new double[mean.length];
            for (int j = 0; j < z0.length; j++) {
                z0[j] = start.nextGaussian();
            }
            double[] step = powerStep(rows, mu, z0);
            z = normalised(step, z0);
            return;
        }
        double t = attackedRounds;
        for (int j = 0; j < mu.length; j++) {
            mu[j] = t / (1 + t) * mu[j] + mean[j] / (1 + t);
        }
        double[] step = normalised(powerStep(rows, mu, z), z);
        for (int j = 0; j < z.length; j++) {
            z[j] = t / (1 + t) * z[j] + step[j] / (1 + t);
        }
        z = normalised(z, z);
    }

    /** sum_i ((g_i - mu) . z) (g_i - mu), rows in participant order, coordinates in index order. */
    static double[] powerStep(float[][] rows, double[] mu, double[] z) {
        double[] sum = new double[mu.length];
        double[] centred = new double[mu.length];
        for (float[] row : rows) {
            double weight = 0;
            for (int j = 0; j < mu.length; j++) {
                centred[j] = row[j] - mu[j];
                weight += centred[j] * z[j];
            }
            for (int j = 0; j < mu.length; j++) {
                sum[j] += weight * centred[j];
            }
        }
        return sum;
    }

    /** v / |v|, or {@code fallback} unchanged when v is 0 (all benign updates equal: no direction to learn). */
    static double[] normalised(double[] v, double[] fallback) {
        double norm = Math.sqrt(Stats.dot(v, v));
        if (norm == 0) {
            return fallback;
        }
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j] / norm;
        }
        return out;
    }

    /** The row with the largest inner product with z (the first on ties). */
    private int furthestAlongZ(float[][] rows) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows.length; i++) {
            double value = 0;
            for (int j = 0; j < z.length; j++) {
                value += rows[i][j] * z[j];
            }
            if (value > bestValue) {
                best = i;
                bestValue = value;
            }
        }
        return best;
    }

    /** The copied participant (-1 before the first attacked round). */
    int copied() {
        return copied;
    }

    @Override
    public void save(Snapshot.Builder out, String prefix) {
        out.longs(prefix + "mimic/rounds_and_copied", attackedRounds, copied);
        if (mu != null) {
            out.longs(prefix + "mimic/mu", bits(mu));
            out.longs(prefix + "mimic/z", bits(z));
        }
    }

    @Override
    public void restore(Snapshot in, String prefix) {
        long[] counters = in.longs(prefix + "mimic/rounds_and_copied")
                .orElseThrow(() -> new IllegalStateException("checkpoint has no section '" + prefix + "mimic/rounds_and_copied'"));
        attackedRounds = counters[0];
        copied = (int) counters[1];
        mu = in.longs(prefix + "mimic/mu").map(MimicAttack::doubles).orElse(null);
        z = in.longs(prefix + "mimic/z").map(MimicAttack::doubles).orElse(null);
    }

    private static long[] bits(double[] values) {
        long[] out = new long[values.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = Double.doubleToRawLongBits(values[j]);
        }
        return out;
    }

    private static double[] doubles(long[] bits) {
        double[] out = new double[bits.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = Double.longBitsToDouble(bits[j]);
        }
        return out;
    }
}
