package io.chainfl.learning.data;

import java.util.List;
import java.util.Optional;

/**
 * The per-participant splits plus the held-out test set on which the global model is evaluated, and the server's
 * own root data set when the scenario asked for one ({@link io.chainfl.engine.config.ScenarioParams#serverRootSamples()}).
 *
 * @param serverRoot held out of the training pool before partitioning, never from the test set; null when none
 */
public record FederatedData(List<ParticipantData> participants, Dataset test, Dataset serverRoot) {
    public FederatedData {
        participants = List.copyOf(participants);
    }

    public FederatedData(List<ParticipantData> participants, Dataset test) {
        this(participants, test, null);
    }

    public Optional<Dataset> serverRootData() {
        return Optional.ofNullable(serverRoot);
    }
}
