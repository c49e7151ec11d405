package io.chainfl.learning.aggregation;

import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.LocalTrainer;
import io.chainfl.learning.model.Model;
import io.chainfl.engine.seed.SeedStreams;
import java.util.List;

/**
 * FLTrust as the server runs it: every round the server trains its own copy of the global model on its clean root
 * data set, with the participants' local training settings, and that change is the reference that
 * {@link FLTrust} weighs the clients' updates against. The server's shuffling comes from its own stream per
 * round, so the participants' randomness is untouched.
 */
final class RootTrustAggregator implements Aggregator {
    private final FLTrust fltrust = new FLTrust();
    private final Model serverModel;
    private final Dataset root;
    private final TrainingConfig training;
    private final SeedStreams seeds;
    private int round = -1;
    private float[] global;

    RootTrustAggregator(Model serverModel, Dataset root, TrainingConfig training, SeedStreams seeds) {
        this.serverModel = serverModel;
        this.root = root;
        this.training = training;
        this.seeds = seeds;
    }

    /** @throws IllegalArgumentException when the server holds no root data (a user error: the run's data was built without it) */
    static RootTrustAggregator of(ServerContext server) {
        Dataset root = server.rootData().orElseThrow(() -> new IllegalArgumentException(
                "fltrust needs the server's root data set, which this run's data was built without"));
        return new RootTrustAggregator(server.model().get(), root, server.training(), server.seeds());
    }

    @Override
    public String name() {
        return fltrust.name();
    }

    @Override
    public void beginRound(int round, float[] globalParams) {
        this.round = round;
        this.global = globalParams.clone();
    }

    @Override
    public float[] aggregate(List<ClientUpdate> updates) {
        if (global == null) {
            throw new IllegalStateException("fltrust: aggregate called before beginRound");
        }
        return fltrust.aggregate(updates, rootUpdate());
    }

    /** The server's own change on the root data, starting from the round's global parameters. */
    float[] rootUpdate() {
        serverModel.setParams(global);
        LocalTrainer.train(serverModel, root, training, seeds.stream("server", "root", "round", round, "shuffle"));
        float[] local = serverModel.params();
        float[] change = new float[local.length];
        for (int i = 0; i < change.length; i++) {
            change[i] = local[i] - global[i];
        }
        return change;
    }
}
