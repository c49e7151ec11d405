package io.chainfl.agents.deepchain;

import io.chainfl.agents.deepchain.DeepChainMessages.DecryptShares;
import io.chainfl.agents.deepchain.DeepChainMessages.PartyCommand;
import io.chainfl.agents.deepchain.DeepChainMessages.PartyInternal;
import io.chainfl.agents.deepchain.DeepChainMessages.SharesReady;
import io.chainfl.agents.deepchain.DeepChainMessages.Submission;
import io.chainfl.agents.deepchain.DeepChainMessages.TrainAndEncrypt;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.engine.crypto.ThresholdPaillier;
import io.chainfl.engine.data.ParticipantData;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.model.LocalTrainer;
import io.chainfl.engine.model.Model;
import io.chainfl.engine.model.TrainResult;
import io.chainfl.engine.seed.SeedStreams;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DeepChain party: trains {@code shareEvery} iterations on its private split (on the training dispatcher), then
 * encrypts its change on the crypto executor and submits it; later computes its decryption shares of the
 * aggregate. Misbehaviour: GARBAGE submits random bytes of the right length instead of ciphertexts; SILENT lets
 * every deadline pass (it tells the coordinator so, instead of making the simulation wait out a real timer).
 */
public final class PartyActor extends AbstractBehavior<PartyCommand> {

    public enum Behaviour { HONEST, GARBAGE, SILENT }

    /** Static settings of one party. */
    public record Settings(ParticipantData data, Model model, TrainingConfig training, int shareEvery, DeepChainCrypto crypto,
                           ThresholdPaillier.KeyShare keyShare, Behaviour behaviour, SeedStreams seeds, Executor cryptoExecutor) {}

    private final Settings settings;

    public static Behavior<PartyCommand> create(Settings settings) {
        return Behaviors.setup(ctx -> new PartyActor(ctx, settings));
    }

    private PartyActor(ActorContext<PartyCommand> context, Settings settings) {
        super(context);
        this.settings = settings;
    }

    private int id() {
        return settings.data().participantId();
    }

    @Override
    public Receive<PartyCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(TrainAndEncrypt.class, this::onTrain)
                .onMessage(DecryptShares.class, this::onDecrypt)
                .onMessage(PartyInternal.class, this::onInternal)
                .build();
    }

    private Behavior<PartyCommand> onTrain(TrainAndEncrypt request) {
        int round = request.round();
        if (settings.behaviour() == Behaviour.SILENT) {
            request.replyTo().tell(new Submission(id(), round, null, Double.NaN, 0, 0, 0));
            return this;
        }
        Stopwatch trainClock = Stopwatch.start();
        float[] global = request.globalParams();
        Model model = settings.model();
        model.setParams(Nd4j.create(global, new long[] {global.length}, DataType.FLOAT));
        TrainResult result = LocalTrainer.trainSteps(model, settings.data().train(), settings.training(), settings.shareEvery(),
                settings.seeds().stream("participant", id(), "round", round, "shuffle"));
        float[] local = model.params().toFloatVector();
        float[] delta = new float[local.length];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = local[i] - global[i];
        }
        double trainMillis = trainClock.elapsedMillis();
        int samples = settings.data().train().size();
        SplittableRandom random = settings.seeds().stream("deepchain/party", id(), "round", round, "encrypt");
        CompletableFuture<Runnable> work = CompletableFuture.supplyAsync(() -> {
            Stopwatch encryptClock = Stopwatch.start();
            byte[] payload = settings.behaviour() == Behaviour.GARBAGE ? garbage(random) : settings.crypto().encode(delta, random);
            Submission submission = new Submission(id(), round, payload, result.meanLoss(), samples, trainMillis, encryptClock.elapsedMillis());
            return () -> request.replyTo().tell(submission);
        }, settings.cryptoExecutor());
        getContext().pipeToSelf(work, PartyInternal::new);
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
        CompletableFuture<Runnable> work = CompletableFuture.supplyAsync(() -> {
            Stopwatch clock = Stopwatch.start();
            SharesReady ready = new SharesReady(id(), request.round(), settings.crypto().decryptionShares(settings.keyShare(), request.aggregate()),
                    clock.elapsedMillis());
            return () -> request.replyTo().tell(ready);
        }, settings.cryptoExecutor());
        getContext().pipeToSelf(work, PartyInternal::new);
        return this;
    }

    private Behavior<PartyCommand> onInternal(PartyInternal done) {
        if (done.failure() != null) {
            throw new IllegalStateException("party " + id() + " crypto failed", done.failure());
        }
        done.deliver().run();
        return this;
    }
}
