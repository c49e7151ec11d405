package io.chainfl.agents.deepchain;

import io.chainfl.learning.privacy.LocalPrivacy;
import io.chainfl.agents.EntityKind;
import io.chainfl.agents.FailureSupervision;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.agents.deepchain.DeepChainMessages.DecryptShares;
import io.chainfl.agents.deepchain.DeepChainMessages.PartyCommand;
import io.chainfl.agents.deepchain.DeepChainMessages.PartyInternal;
import io.chainfl.agents.deepchain.DeepChainMessages.PartyStep;
import io.chainfl.agents.deepchain.DeepChainMessages.SharesReady;
import io.chainfl.agents.deepchain.DeepChainMessages.Submission;
import io.chainfl.agents.deepchain.DeepChainMessages.TrainAndEncrypt;
import io.chainfl.engine.config.ParticipantFailurePolicy;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.crypto.ThresholdPaillier;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.learning.model.LocalTrainer;
import io.chainfl.learning.model.Model;
import io.chainfl.learning.model.TrainResult;
import io.chainfl.engine.seed.SeedStreams;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * A DeepChain party: trains {@code shareEvery} iterations on its private split (on the training dispatcher), then
 * encrypts its change on the crypto executor and submits it; later computes its decryption shares of the
 * aggregate. Misbehaviour: GARBAGE submits random bytes of the right length instead of ciphertexts; SILENT lets
 * every deadline pass (it tells the coordinator so, instead of making the simulation wait out a real timer).
 * Supervised like {@link ParticipantActor}: under the drop and restart policies a step that throws (training,
 * encryption or decryption shares) is retried once with the same seed streams or the party is dropped.
 *
 * <p>A party keeps nothing between steps (the model is overwritten from every {@link TrainAndEncrypt}, randomness
 * comes from seed streams per party and round), so on a cluster it is a sharded entity that any member rebuilds
 * from its recipe. Replies leave from the crypto executor itself: a party passivated or stopped while its crypto
 * runs still answers.
 */
public final class PartyActor extends AbstractBehavior<PartyCommand> {
    /** Parties as Cluster Sharding entities, by party id. */
    public static final EntityKind<PartyCommand> KIND = new EntityKind<>("deepchain-party", PartyCommand.class);

    public enum Behaviour { HONEST, GARBAGE, SILENT }

    /**
     * Static settings of one party.
     *
     * @param privacy clips and noises the party's change before it is encrypted ({@link LocalPrivacy#NONE}: as trained)
     */
    public record Settings(ParticipantData data, Model model, TrainingConfig training, int shareEvery, DeepChainCrypto crypto,
                           ThresholdPaillier.KeyShare keyShare, Behaviour behaviour, SeedStreams seeds, Executor cryptoExecutor, LocalPrivacy privacy) {
        public Settings {
            privacy = privacy == null ? LocalPrivacy.NONE : privacy;
        }

        /** A party without local DP. */
        public Settings(ParticipantData data, Model model, TrainingConfig training, int shareEvery, DeepChainCrypto crypto,
                        ThresholdPaillier.KeyShare keyShare, Behaviour behaviour, SeedStreams seeds, Executor cryptoExecutor) {
            this(data, model, training, shareEvery, crypto, keyShare, behaviour, seeds, cryptoExecutor, LocalPrivacy.NONE);
        }
    }

    private final Settings settings;
    private final ParticipantMemory memory;
    private final ParticipantFailurePolicy policy;
    /** The step being worked on, until its reply went out: a restart retries it or reports the party dropped. */
    private PartyStep inFlight;
    private String lastError;

    public static Behavior<PartyCommand> create(Settings settings) {
        return create(settings, new ParticipantMemory(), ParticipantFailurePolicy.FAIL);
    }

    /**
     * @param memory where the party records that it was dropped (it outlives the actor and goes into checkpoints)
     * @param policy fail: an exception stops the party and fails the run; drop and restart: the actor is restarted
     *               and retries the step once (restart) or reports itself dropped
     */
    public static Behavior<PartyCommand> create(Settings settings, ParticipantMemory memory, ParticipantFailurePolicy policy) {
        Behavior<PartyCommand> party = Behaviors.setup(ctx -> new PartyActor(ctx, settings, memory, policy));
        return FailureSupervision.supervise(party, policy);
    }

    private PartyActor(ActorContext<PartyCommand> context, Settings settings, ParticipantMemory memory, ParticipantFailurePolicy policy) {
        super(context);
        this.settings = settings;
        this.memory = memory;
        this.policy = policy;
    }

    private int id() {
        return settings.data().participantId();
    }

    @Override
    public Receive<PartyCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(PartyStep.class, this::guarded)
                .onMessage(PartyInternal.class, this::onInternal)
                .onSignal(PreRestart.class, signal -> onRestart())
                .build();
    }

    /** Starts the step; it stays in flight until its reply is sent (after the crypto executor's part). */
    private Behavior<PartyCommand> guarded(PartyStep request) {
        inFlight = request;
        try {
            return request instanceof TrainAndEncrypt train ? onTrain(train) : onDecrypt((DecryptShares) request);
        } catch (RuntimeException e) {
            lastError = e.toString();
            throw e;
        }
    }

    /** The failed instance's last word: the restarted actor keeps the mailbox, so the retry is queued there. */
    private Behavior<PartyCommand> onRestart() {
        PartyStep failed = inFlight;
        if (failed == null) {
            return this;
        }
        if (FailureSupervision.retries(policy, failed.attempt())) {
            getContext().getSelf().tell(failed.retry());
        } else {
            memory.drop(id());
            if (failed.failedTo() != null) {
                failed.failedTo().tell(new ParticipantActor.Failed(id(), failed.round(), failed.attempt(), lastError));
            }
        }
        return this;
    }

    private Behavior<PartyCommand> onTrain(TrainAndEncrypt request) {
        int round = request.round();
        if (settings.behaviour() == Behaviour.SILENT) {
            inFlight = null;
            request.replyTo().tell(new Submission(id(), round, null, Double.NaN, 0, 0, 0));
            return this;
        }
        Stopwatch trainClock = Stopwatch.start();
        float[] global = request.globalParams();
        Model model = settings.model();
        model.setParams(global);
        TrainResult result = LocalTrainer.trainSteps(model, settings.data().train(), settings.training(), settings.shareEvery(),
                settings.seeds().stream("participant", id(), "round", round, "shuffle"));
        float[] local = model.params();
        float[] change = new float[local.length];
        for (int i = 0; i < change.length; i++) {
            change[i] = local[i] - global[i];
        }
        // local DP before encryption: the workers, the leader and the decrypting parties only ever see the noised change
        float[] delta = settings.privacy().apply(change, id(), round);
        double trainMillis = trainClock.elapsedMillis();
        int samples = settings.data().train().size();
        SplittableRandom random = settings.seeds().stream("deepchain/party", id(), "round", round, "encrypt");
        CompletableFuture<Void> work = CompletableFuture.runAsync(() -> {
            Stopwatch encryptClock = Stopwatch.start();
            byte[] payload = settings.behaviour() == Behaviour.GARBAGE ? garbage(random) : settings.crypto().encode(delta, random);
            request.replyTo().tell(new Submission(id(), round, payload, result.meanLoss(), samples, trainMillis, encryptClock.elapsedMillis(),
                    request.attempt()));
        }, settings.cryptoExecutor());
        getContext().pipeToSelf(work, (ok, failure) -> new PartyInternal(request, failure));
        return this;
    }

    /** Random bytes shaped like a submission: what a party that never encrypted anything would send. */
    private byte[] garbage(SplittableRandom random) {
        byte[] bytes = new byte[settings.crypto().payloadBytes()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        if (!settings.crypto().encrypted()) {
            // plain floats: make sure the garbage is not a valid vector of finite numbers
            bytes[0] = (byte) 0x7f;
            bytes[1] = (byte) 0xc0;
        }
        return bytes;
    }

    private Behavior<PartyCommand> onDecrypt(DecryptShares request) {
        CompletableFuture<Void> work = CompletableFuture.runAsync(() -> {
            Stopwatch clock = Stopwatch.start();
            request.replyTo().tell(new SharesReady(id(), request.round(), settings.crypto().decryptionShares(settings.keyShare(), request.aggregate()),
                    clock.elapsedMillis(), request.attempt()));
        }, settings.cryptoExecutor());
        getContext().pipeToSelf(work, (ok, failure) -> new PartyInternal(request, failure));
        return this;
    }

    private Behavior<PartyCommand> onInternal(PartyInternal done) {
        if (done.failure() != null) {
            Throwable cause = done.failure() instanceof java.util.concurrent.CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause() : done.failure();
            lastError = cause.toString();
            inFlight = done.step();
            throw new IllegalStateException("party " + id() + " crypto failed", cause);
        }
        // the reply went out from the executor, so the next step may already be in flight: only clear this one
        if (inFlight == done.step()) {
            inFlight = null;
        }
        return this;
    }
}
