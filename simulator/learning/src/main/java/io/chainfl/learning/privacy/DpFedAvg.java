package io.chainfl.learning.privacy;

import io.chainfl.learning.aggregation.Aggregator;
import io.chainfl.learning.aggregation.ClientUpdate;
import io.chainfl.engine.seed.SeedStreams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * DP-FedAvg (McMahan, Ramage, Talwar and Zhang 2018, "Learning Differentially Private Recurrent Language Models",
 * Algorithm 1 with the fixed-denominator estimator f~_f and uniform weights w_k = 1): every upload is clipped to L2
 * norm S, the clipped uploads are summed, Gaussian noise N(0, (z S)^2) is added to every coordinate of the sum, and the
 * result is divided by qW, the expected number of uploads (the round's participants x sampling rate). Adding or
 * removing one participant moves the sum by at most S, so the noise gives the sampled Gaussian mechanism with noise
 * multiplier z per round, which {@code PrivacyAccountant} composes. The data-size weights of plain FedAvg are not used
 * (they would let one participant's weight exceed the bound).
 *
 * <p>Fixed order: uploads in participant-id order, coordinates in index order, sums in double; the noise of round r
 * comes from the stream (privacy, central, round, r).
 */
public final class DpFedAvg implements Aggregator {
    private final double clipNorm;
    private final double noiseMultiplier;
    private final double expectedUploads;
    private final SeedStreams seeds;
    private int round = -1;

    /** @param expectedUploads qW: the participants a round asks for (its denominator, whatever number of uploads arrives) */
    public DpFedAvg(double clipNorm, double noiseMultiplier, double expectedUploads, SeedStreams seeds) {
        if (!(clipNorm > 0) || !(noiseMultiplier > 0) || !(expectedUploads > 0)) {
            throw new IllegalArgumentException("DP-FedAvg needs a positive clip norm, noise multiplier and expected number of uploads, got "
                    + clipNorm + ", " + noiseMultiplier + " and " + expectedUploads);
        }
        this.clipNorm = clipNorm;
        this.noiseMultiplier = noiseMultiplier;
        this.expectedUploads = expectedUploads;
        this.seeds = seeds;
    }

    @Override
    public String name() {
        return "dp_fedavg";
    }

    @Override
    public void beginRound(int round, float[] globalParams) {
        this.round = round;
    }

    @Override
    public float[] aggregate(List<ClientUpdate> updates) {
        if (round < 0) {
            throw new IllegalStateException("DP-FedAvg aggregated before the server told it the round (beginRound)");
        }
        if (updates.isEmpty()) {
            throw new IllegalArgumentException("no updates to aggregate");
        }
        List<ClientUpdate> ordered = new ArrayList<>(updates);
        ordered.sort(Comparator.comparingInt(ClientUpdate::participantId));
        int length = ordered.get(0).delta().length;
        double[] sum = new double[length];
        for (ClientUpdate update : ordered) {
            float[] delta = update.delta();
            if (delta.length != length) {
                throw new IllegalArgumentException("participant " + update.participantId() + " sent " + delta.length + " values, expected " + length);
            }
            double factor = GaussianMechanism.clipFactor(delta, clipNorm);
            for (int j = 0; j < length; j++) {
                if (Double.isFinite(delta[j])) {
                    sum[j] += delta[j] * factor;
                }
            }
        }
        GaussianMechanism.addNoise(sum, noiseMultiplier * clipNorm, seeds.stream("privacy", "central", "round", round));
        for (int j = 0; j < length; j++) {
            sum[j] /= expectedUploads;
        }
        return GaussianMechanism.toFloat(sum);
    }
}
