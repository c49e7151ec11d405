package io.chainfl.learning.data;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The per-participant splits, all held at once (what the driver of a run, or a one-JVM run, needs), plus the held-out test set on which the global model is evaluated, and the server's
 * own root data set when the scenario asked for one ({@link io.chainfl.engine.config.ScenarioParams#serverRootSamples()}).
 *
 * @param serverRoot held out of the training pool before partitioning, never from the test set; null when none
 */
public record FederatedData(List<ParticipantData> participants, Dataset test, Dataset serverRoot) implements ParticipantShares {
    public FederatedData {
        // generated shares are a view that makes each share when asked; copying it would make them all
        participants = participants instanceof GeneratedShares ? participants : List.copyOf(participants);
    }

    public FederatedData(List<ParticipantData> participants, Dataset test) {
        this(participants, test, null);
    }

    @Override
    public List<Integer> participantIds() {
        if (participants instanceof GeneratedShares) {
            return java.util.stream.IntStream.range(0, participants.size()).boxed().toList();
        }
        return participants.stream().map(ParticipantData::participantId).toList();
    }

    /** The share this run already holds (participant ids are their positions). */
    @Override
    public ParticipantData share(int id) {
        return participants.get(id);
    }

    /** Training samples over all participants; generated shares are counted, not made. */
    public long trainSamples() {
        if (participants instanceof GeneratedShares generated) {
            return generated.trainSamples();
        }
        return participants.stream().mapToLong(p -> p.train().size()).sum();
    }

    /** Generated shares are made again whenever the entity trains instead of being held by it. */
    @Override
    public Supplier<ParticipantData> heldShare(int id) {
        if (participants instanceof GeneratedShares) {
            return () -> participants.get(id);
        }
        return ParticipantShares.super.heldShare(id);
    }

    @Override
    public DataShape shape() {
        return DataShape.of(test);
    }

    public Optional<Dataset> serverRootData() {
        return Optional.ofNullable(serverRoot);
    }
}
