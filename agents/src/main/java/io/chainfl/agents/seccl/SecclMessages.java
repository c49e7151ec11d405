package io.chainfl.agents.seccl;

import io.chainfl.agents.CborSerializable;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.ledger.LedgerMessages.RecordedHashes;
import io.chainfl.learning.aggregation.SparseUpdate;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/** The SecCL protocol's messages between the parameter server and the participants. */
public final class SecclMessages {
    private SecclMessages() {}

    /** Type (a): a participant's sparse upload of its largest parameter changes; {@code attempt} 2 after a restart. */
    public record Upload(int participant, int round, SparseUpdate update, double trainLoss, int samples, int attempt) implements CborSerializable {
        public Upload(int participant, int round, SparseUpdate update, double trainLoss, int samples) {
            this(participant, round, update, trainLoss, samples, 1);
        }
    }

    /** An upload as the server relays it, with the bulletin-board transaction that recorded its hash. */
    public record Relayed(int owner, SparseUpdate update, String txId) implements CborSerializable {}

    /** Type (b): a participant's evaluation scores (macro F1 on its validation set) of the others' uploads; {@code attempt} 2 after a restart. */
    public record Ballot(int voter, int round, Map<Integer, Double> scores, List<Detection> detections, int attempt) implements CborSerializable {
        public Ballot(int voter, int round, Map<Integer, Double> scores, List<Detection> detections) {
            this(voter, round, scores, detections, 1);
        }
    }

    /** A relay that does not match the bulletin board: the server tampered with, swapped or dropped an upload. */
    public record Detection(int recipient, int owner, String what) implements CborSerializable {}

    public sealed interface ParticipantCommand extends CborSerializable permits Retriable, BoardRead, Passivate {}

    /**
     * Cluster Sharding's request that an idle participant stop (its stop message): a participant waiting for the
     * ledger's answer, which reaches it directly rather than through sharding, first finishes its evaluation.
     */
    public record Passivate() implements ParticipantCommand {}

    /** The ledger service's answer to a participant that asked for the recorded hashes of the uploads relayed to it. */
    public record BoardRead(RecordedHashes hashes) implements ParticipantCommand {}

    /**
     * A command a participant may fail at: under the drop and restart policies the supervisor retries it once
     * ({@code attempt} 2) or tells {@code failedTo} (null: nobody) that the participant is dropped.
     */
    public sealed interface Retriable extends ParticipantCommand permits TrainAndUpload, Evaluate {
        int round();

        int attempt();

        ActorRef<ParticipantActor.Failed> failedTo();

        Retriable retry();
    }

    public record TrainAndUpload(int round, float[] globalParams, ActorRef<Upload> replyTo, ActorRef<ParticipantActor.Failed> failedTo, int attempt)
            implements Retriable {
        public TrainAndUpload(int round, float[] globalParams, ActorRef<Upload> replyTo) {
            this(round, globalParams, replyTo, null, 1);
        }

        @Override
        public TrainAndUpload retry() {
            return new TrainAndUpload(round, globalParams, replyTo, failedTo, attempt + 1);
        }
    }

    /**
     * Evaluate the relayed uploads of round {@code round} against {@code globalParams}.
     *
     * @param roster every participant of the round, so a withheld upload is noticed
     * @param board  the ledger service, where the participant reads what the bulletin board recorded (the server's ledger
     *               node lives on the driver; the message brings its reference to a participant on any member)
     */
    public record Evaluate(int round, float[] globalParams, List<Relayed> relays, List<Integer> roster, ActorRef<LedgerMessages.Command> board,
                           ActorRef<Ballot> replyTo, ActorRef<ParticipantActor.Failed> failedTo, int attempt) implements Retriable {
        public Evaluate(int round, float[] globalParams, List<Relayed> relays, List<Integer> roster, ActorRef<LedgerMessages.Command> board,
                        ActorRef<Ballot> replyTo) {
            this(round, globalParams, relays, roster, board, replyTo, null, 1);
        }

        @Override
        public Evaluate retry() {
            return new Evaluate(round, globalParams, relays, roster, board, replyTo, failedTo, attempt + 1);
        }
    }
}
