package io.chainfl.learning.aggregation;

import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.Model;
import io.chainfl.engine.seed.SeedStreams;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the server holds besides the uploads, handed to every rule's factory so rules that train on the server's
 * own data (FLTrust) get it without a protocol naming them. Built in one place per run (the scenarios' context).
 *
 * @param rootData the clean root data set held out of the training pool for the server; empty when the run has none
 * @param model    a fresh copy of the run's model (same initialisation as the global one), for the server to train
 * @param training the participants' local training settings, which the server uses too
 * @param seeds    the run's seed streams; the server draws only from streams of its own
 */
public record ServerContext(Optional<Dataset> rootData, Supplier<Model> model, TrainingConfig training, SeedStreams seeds) {
    /** A server with no data of its own: rules that need some refuse to be built. */
    public static final ServerContext NONE = new ServerContext(Optional.empty(), null, null, null);

    public ServerContext {
        rootData = rootData == null ? Optional.empty() : rootData;
    }

    /**
     * The run's seed streams, for rules that draw randomness of their own (DnC's coordinate samples, bucketing's
     * shuffle, FLAME's noise); each draws from streams named {@code server/RULE/round/R...}, never the participants'.
     *
     * @throws IllegalArgumentException when this context has none (a server built without a run)
     */
    public SeedStreams requireSeeds(String rule) {
        if (seeds == null) {
            throw new IllegalArgumentException(rule + " draws seeded randomness of its own and needs the run's seed streams, which this server context lacks");
        }
        return seeds;
    }
}
