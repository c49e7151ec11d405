package io.chainfl.agents.deepchain;

import io.chainfl.agents.CborSerializable;
import io.chainfl.agents.ParticipantActor;
import java.math.BigInteger;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** DeepChain's messages between the contracts' driver (coordinator), the parties and the workers. */
public final class DeepChainMessages {
    private DeepChainMessages() {}

    public sealed interface PartyCommand extends CborSerializable permits PartyStep, PartyInternal {}

    /**
     * A step a party may fail at: under the drop and restart policies the supervisor retries it once
     * ({@code attempt} 2) or tells {@code failedTo} (null: nobody) that the party is dropped.
     */
    public sealed interface PartyStep extends PartyCommand permits TrainAndEncrypt, DecryptShares {
        int round();

        int attempt();

        ActorRef<ParticipantActor.Failed> failedTo();

        PartyStep retry();
    }

    /** Train {@code share_every} iterations from {@code globalParams}, encrypt the change and submit it. */
    public record TrainAndEncrypt(int round, float[] globalParams, ActorRef<Submission> replyTo, ActorRef<ParticipantActor.Failed> failedTo,
                                  int attempt) implements PartyStep {
        public TrainAndEncrypt(int round, float[] globalParams, ActorRef<Submission> replyTo) {
            this(round, globalParams, replyTo, null, 1);
        }

        @Override
        public TrainAndEncrypt retry() {
            return new TrainAndEncrypt(round, globalParams, replyTo, failedTo, attempt + 1);
        }
    }

    /** Compute this party's decryption shares of the accepted aggregate. */
    public record DecryptShares(int round, byte[] aggregate, ActorRef<SharesReady> replyTo, ActorRef<ParticipantActor.Failed> failedTo,
                                int attempt) implements PartyStep {
        public DecryptShares(int round, byte[] aggregate, ActorRef<SharesReady> replyTo) {
            this(round, aggregate, replyTo, null, 1);
        }

        @Override
        public DecryptShares retry() {
            return new DecryptShares(round, aggregate, replyTo, failedTo, attempt + 1);
        }
    }

    /**
     * The crypto executor finished {@code step} (its reply already went out from there) or failed at it; piped back
     * so a failure fails the actor (and the run, or the supervisor retries), and so the step stops being in flight.
     */
    public record PartyInternal(PartyStep step, Throwable failure) implements PartyCommand {}

    /**
     * A party's transaction for the trading contract.
     *
     * @param payload the encrypted (or, without encryption, plain) change; null when the party let the deadline pass
     * @param attempt 2 when the step succeeded after a restart
     */
    public record Submission(int party, int round, byte[] payload, double trainLoss, int samples, double trainMillis, double encryptMillis,
                             int attempt) implements CborSerializable {
        public Submission(int party, int round, byte[] payload, double trainLoss, int samples, double trainMillis, double encryptMillis) {
            this(party, round, payload, trainLoss, samples, trainMillis, encryptMillis, 1);
        }
    }

    /** A party's decryption shares of the aggregate; {@code attempt} 2 when they came after a restart. */
    public record SharesReady(int party, int round, BigInteger[] shares, double millis, int attempt) implements CborSerializable {
        public SharesReady(int party, int round, BigInteger[] shares, double millis) {
            this(party, round, shares, millis, 1);
        }
    }

    public sealed interface WorkerCommand extends CborSerializable permits Aggregate, WorkerInternal {}

    /** Aggregate the accepted submissions (in party-id order). */
    public record Aggregate(int round, List<byte[]> payloads, ActorRef<Aggregated> replyTo) implements WorkerCommand {}

    /** The crypto executor failed at an aggregation, piped back so the failure fails the actor (and the run). */
    public record WorkerInternal(int round, Throwable failure) implements WorkerCommand {}

    /** A worker's aggregate for the processing contract; null when the worker let the deadline pass (lazy). */
    public record Aggregated(int worker, int round, byte[] aggregate, double millis) implements CborSerializable {}
}
