package io.chainfl.agents.async;

import io.chainfl.learning.aggregation.Aggregator;
import io.chainfl.learning.aggregation.ClientUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What the server does with one upload in asynchronous aggregation, taken in (virtual arrival time, participant id)
 * order: FedAsync mixes it in at once, FedBuff buffers it until the buffer is full. Arithmetic per coordinate in
 * double, rounded to float once, in a fixed order, as every aggregation rule (docs/determinism.md).
 */
public sealed interface AsyncRule {

    /**
     * An upload as the server takes it.
     *
     * @param base      the global parameters the participant trained on (version {@code version - staleness})
     * @param staleness server versions made since the participant's base version
     */
    record Upload(int participant, float[] delta, int samples, double trainLoss, float[] base, long staleness) {}

    /**
     * Takes {@code upload} into {@code global} (the live model parameters).
     *
     * @param version the server's version before the upload
     * @return the uploads applied to make a new version (this one, or a full buffer), in the order they were taken;
     *         empty when the model did not change
     */
    List<Upload> take(float[] global, Upload upload, long version);

    static AsyncRule of(AsyncParams params, Aggregator aggregator) {
        if (params instanceof AsyncParams.FedAsync fedAsync) {
            return new FedAsyncMix(fedAsync.alpha(), fedAsync.staleness());
        }
        AsyncParams.FedBuff fedBuff = (AsyncParams.FedBuff) params;
        return new FedBuffBuffer(fedBuff.buffer(), fedBuff.serverLr(), fedBuff.stalenessWeighted(), aggregator);
    }

    /**
     * FedAsync (Xie, Koyejo, Gupta 2019, Algorithm 1): x = (1 - alpha_t) x + alpha_t x_new with alpha_t = alpha * s(staleness),
     * x_new = base + delta the participant's trained model.
     */
    record FedAsyncMix(double alpha, StalenessParams staleness) implements AsyncRule {
        /** The weight the update gets. */
        public double alphaFor(long stalenessVersions) {
            return alpha * staleness.weight(stalenessVersions);
        }

        @Override
        public List<Upload> take(float[] global, Upload upload, long version) {
            double a = alphaFor(upload.staleness());
            float[] base = upload.base();
            float[] delta = upload.delta();
            for (int i = 0; i < global.length; i++) {
                float trained = base[i] + delta[i];
                global[i] = (float) ((1.0 - a) * global[i] + a * trained);
            }
            return List.of(upload);
        }
    }

    /**
     * FedBuff (Nguyen et al. 2022, Algorithm 1): uploads wait in the buffer, each scaled by 1 / sqrt(1 + staleness) when
     * {@code stalenessWeighted}; once the buffer holds updates of {@code size} participants it applies
     * x = x + serverLr * aggregate(buffer). A participant that uploads again while its earlier update still waits (a fast
     * device trains again at once, on the same version) shares one entry with it: their sample-weighted mean, so the
     * aggregator gets {@code size} distinct participants, sorted by id, as it gets a round's uploads, and one fast device
     * cannot fill a robust rule's quorum alone. Under FedAvg the result is the sample-weighted mean of every update in
     * the buffer, the paper's average; with many participants and few trainings at once, entries almost never merge.
     */
    final class FedBuffBuffer implements AsyncRule {
        private final int size;
        private final double serverLr;
        private final boolean stalenessWeighted;
        private final Aggregator aggregator;
        private final List<Upload> buffer = new ArrayList<>();
        private final TreeMap<Integer, List<Upload>> byParticipant = new TreeMap<>();

        public FedBuffBuffer(int size, double serverLr, boolean stalenessWeighted, Aggregator aggregator) {
            this.size = size;
            this.serverLr = serverLr;
            this.stalenessWeighted = stalenessWeighted;
            this.aggregator = aggregator;
        }

        /** How much an update of this staleness counts before aggregation. */
        public double scaleFor(long staleness) {
            return stalenessWeighted ? AsyncParams.FedBuff.stalenessScale(staleness) : 1.0;
        }

        @Override
        public List<Upload> take(float[] global, Upload upload, long version) {
            buffer.add(upload);
            byParticipant.computeIfAbsent(upload.participant(), id -> new ArrayList<>()).add(upload);
            if (byParticipant.size() < size) {
                return List.of();
            }
            List<ClientUpdate> updates = new ArrayList<>();
            byParticipant.forEach((id, uploads) -> updates.add(entry(id, uploads)));
            List<Upload> applied = List.copyOf(buffer);
            buffer.clear();
            byParticipant.clear();
            aggregator.beginRound(Math.toIntExact(version + 1), global.clone());
            float[] change = aggregator.aggregate(updates);
            for (int i = 0; i < global.length; i++) {
                global[i] = serverLr == 1.0 ? global[i] + change[i] : (float) (global[i] + serverLr * change[i]);
            }
            return applied;
        }

        /** One participant's entry: its update scaled for staleness, or the sample-weighted mean of its scaled updates. */
        private ClientUpdate entry(int participant, List<Upload> uploads) {
            if (uploads.size() == 1) {
                Upload u = uploads.get(0);
                double scale = scaleFor(u.staleness());
                float[] scaled = u.delta();
                if (scale != 1.0) {
                    scaled = new float[scaled.length];
                    for (int i = 0; i < scaled.length; i++) {
                        scaled[i] = (float) (u.delta()[i] * scale);
                    }
                }
                return new ClientUpdate(participant, scaled, u.samples());
            }
            long samples = 0;
            for (Upload u : uploads) {
                samples += u.samples();
            }
            int length = uploads.get(0).delta().length;
            float[] mean = new float[length];
            for (int i = 0; i < length; i++) {
                double sum = 0;
                for (Upload u : uploads) {
                    sum += u.samples() * scaleFor(u.staleness()) * u.delta()[i];
                }
                mean[i] = (float) (sum / samples);
            }
            return new ClientUpdate(participant, mean, samples);
        }
    }
}
