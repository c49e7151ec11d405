package io.chainfl.agents.deepchain;

import io.chainfl.agents.CborSerializable;
import java.math.BigInteger;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** DeepChain's messages between the contracts' driver (coordinator), the parties and the workers. */
public final class DeepChainMessages {
    private DeepChainMessages() {}

    public sealed interface PartyCommand extends CborSerializable permits TrainAndEncrypt, DecryptShares, PartyInternal {}

    /** Train {@code share_every} iterations from {@code globalParams}, encrypt the change and submit it. */
    public record TrainAndEncrypt(int round, float[] globalParams, ActorRef<Submission> replyTo) implements PartyCommand {}

    /** Compute this party's decryption shares of the accepted aggregate. */
    public record DecryptShares(int round, byte[] aggregate, ActorRef<SharesReady> replyTo) implements PartyCommand {}

    /** Work finished on the crypto executor, piped back so a failure fails the actor (and the run). */
    public record PartyInternal(Runnable deliver, Throwable failure) implements PartyCommand {}

    /**
     * A party's transaction for the trading contract.
     *
     * @param payload the encrypted (or, without encryption, plain) change; null when the party let the deadline pass
     */
    public record Submission(int party, int round, byte[] payload, double trainLoss, int samples, double trainMillis, double encryptMillis)
            implements CborSerializable {}

    public record SharesReady(int party, int round, BigInteger[] shares, double millis) implements CborSerializable {}

    public sealed interface WorkerCommand extends CborSerializable permits Aggregate, WorkerInternal {}

    /** Aggregate the accepted submissions (in party-id order). */
    public record Aggregate(int round, List<byte[]> payloads, ActorRef<Aggregated> replyTo) implements WorkerCommand {}

    /** Work finished on the crypto executor, piped back so a failure fails the actor (and the run). */
    public record WorkerInternal(Runnable deliver, Throwable failure) implements WorkerCommand {}

    /** A worker's aggregate for the processing contract; null when the worker let the deadline pass (lazy). */
    public record Aggregated(int worker, int round, byte[] aggregate, double millis) implements CborSerializable {}
}
