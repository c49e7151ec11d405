package io.chainfl.engine.data;

import java.util.List;

/** The per-participant splits plus the held-out test set on which the global model is evaluated. */
public record FederatedData(List<ParticipantData> participants, Dataset test) {
    public FederatedData {
        participants = List.copyOf(participants);
    }
}
