package io.chainfl.agents.seccl;

import io.chainfl.agents.CborSerializable;
import io.chainfl.engine.aggregation.SparseUpdate;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/** The SecCL protocol's messages between the parameter server and the participants. */
public final class SecclMessages {
    private SecclMessages() {}

    /** Type (a): a participant's sparse upload of its largest parameter changes. */
    public record Upload(int participant, int round, SparseUpdate update, double trainLoss, int samples) implements CborSerializable {}

    /** An upload as the server relays it, with the bulletin-board transaction that recorded its hash. */
    public record Relayed(int owner, SparseUpdate update, String txId) implements CborSerializable {}

    /** Type (b): a participant's evaluation scores (macro F1 on its validation set) of the others' uploads. */
    public record Ballot(int voter, int round, Map<Integer, Double> scores, List<Detection> detections) implements CborSerializable {}

    /** A relay that does not match the bulletin board: the server tampered with, swapped or dropped an upload. */
    public record Detection(int recipient, int owner, String what) implements CborSerializable {}

    public sealed interface ParticipantCommand extends CborSerializable permits TrainAndUpload, Evaluate {}

    public record TrainAndUpload(int round, float[] globalParams, ActorRef<Upload> replyTo) implements ParticipantCommand {}

    /**
     * Evaluate the relayed uploads of round {@code round} against {@code globalParams}.
     *
     * @param roster every participant of the round, so a withheld upload is noticed
     */
    public record Evaluate(int round, float[] globalParams, List<Relayed> relays, List<Integer> roster, ActorRef<Ballot> replyTo)
            implements ParticipantCommand {}
}
