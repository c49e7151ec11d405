package io.chainfl.scenarios.seccl;

import io.chainfl.learning.privacy.LocalPrivacy;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.agents.RoundDriver;
import io.chainfl.engine.checkpoint.Checkpointable;
import io.chainfl.scenarios.ModelState;
import io.chainfl.agents.Entities;
import io.chainfl.agents.adversary.AdversaryPlan;
import io.chainfl.agents.adversary.CoalitionAttack;
import io.chainfl.agents.adversary.Conduct;
import io.chainfl.agents.adversary.MaliciousServerParams;
import io.chainfl.agents.adversary.TrainingDataAttack;
import io.chainfl.agents.adversary.UpdateAttack;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.engine.UserError;
import io.chainfl.agents.seccl.SecclMessages.ParticipantCommand;
import io.chainfl.agents.seccl.SecclParticipantActor;
import io.chainfl.agents.seccl.SecclDeviceTime;
import io.chainfl.agents.seccl.SecclServerActor;
import io.chainfl.agents.round.DevicePace;
import io.chainfl.engine.device.DeviceProfile;
import io.chainfl.engine.device.Devices;
import io.chainfl.learning.aggregation.SparseUpdate;
import io.chainfl.learning.cost.ModelCost;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.data.FederatedData;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.data.ParticipantShares;
import io.chainfl.ledger.Election;
import io.chainfl.learning.model.Model;
import io.chainfl.scenarios.Clustering;
import io.chainfl.scenarios.ModelBuilder;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioContext;
import io.chainfl.engine.metrics.Metric;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * SecCL: participants upload their largest parameter changes; the server records every message's hash on the
 * bulletin board and relays uploads; every participant verifies and scores the others' uploads; a Borda
 * election on the ledger picks M = round(lambda * n) candidates whose uploads alone update the global model.
 */
public final class SecclScenario implements Scenario<SecclParams> {

    @Override
    public String name() {
        return "seccl";
    }

    @Override
    public String description() {
        return "SecCL: trusted bulletin board + Borda election of candidates (Zhang et al. 2020)";
    }

    @Override
    public Class<SecclParams> paramsType() {
        return SecclParams.class;
    }

    @Override
    public List<Metric> metrics() {
        return SecclServerActor.METRICS;
    }

    /**
     * Every participant-side attack, dishonest ballots and a cheating relay; not the passive property_inference observer,
     * which watches the updates as the fedavg server receives them (fedavg's shared_fraction models SecCL's share_fraction).
     */
    @Override
    public Set<Class<?>> supportedAdversaries() {
        return Set.of(TrainingDataAttack.class, UpdateAttack.class, CoalitionAttack.class, Conduct.FreeRide.class, Conduct.BallotRigging.class,
                MaliciousServerParams.class);
    }

    /** Both phases of a round on each participant's device (see {@link SecclDeviceTime} and {@link #deviceTime}). */
    @Override
    public boolean modelsDevices() {
        return true;
    }

    @Override
    public void run(ScenarioContext context, SecclParams params) {
        RunConfig config = context.config();
        Dataset test = context.data().test();
        AdversaryPlan adversaries = AdversaryPlan.of(config.adversaries(), config.participants(), context.seeds());
        int winners = params.winners(config.participants());
        List<Long> vector = params.scoringVector().isEmpty() ? Election.bordaVector(winners) : params.scoringVector();
        SecclServerActor.Settings settings = new SecclServerActor.Settings(series(params), winners, vector,
                params.aggregator() == SecclParams.Aggregator.ELECTION ? SecclServerActor.Aggregation.ELECTION : SecclServerActor.Aggregation.ALL,
                params.evalBatchSize(), adversaries.coalition(), deviceTime(config, params, context.data(), context.seeds()));
        List<Integer> everyone = IntStream.range(0, config.participants()).boxed().toList();
        String series = series(params);
        // between rounds the state is the global model and the stale free-riders' last uploads; the relay's and
        // the participants' draws come from streams per round, the board and the election from the ledger journal
        Model global = ModelBuilder.build(config, test, context.seeds());
        ParticipantMemory memory = new ParticipantMemory();
        context.checkpoints().resume(series).ifPresent(r -> {
            if (!adversaries.craftingCoalition().isEmpty()) {
                throw new UserError("--resume: a crafting coalition under seccl keeps the previous round's relayed uploads in memory, which checkpoints"
                        + " do not hold; start the run again (chainfl run FILE --out DIR --force)");
            }
            ModelState.restore(r.state(), "global_model", global);
            memory.restore(r.state(), "participants/", java.util.Set.copyOf(everyone));
        });
        Checkpointable state = out -> {
            ModelState.save(out, "global_model", global);
            memory.save(out, "participants/", id -> adversaries.conductOf(id).replaysPreviousUpload());
        };
        context.deployment().run(config.name(), config.runtime().effectiveThreads(), global.numParams(),
                participants(config, context.data(), context.seeds(), params, memory), (ctx, entities, done) -> {
            // the ledger service: participants on any member read the board through it, the server posts and elects through it
            ActorRef<LedgerMessages.Command> ledgerNode = ctx.spawn(LedgerNode.create(context.ledger()), "ledger", LedgerNode.dispatcher());
            Map<Integer, ActorRef<ParticipantCommand>> participants = entities.of(SecclParticipantActor.KIND);
            ActorRef<SecclServerActor.Command> server = ctx.spawn(SecclServerActor.create(settings, participants, global, ledgerNode,
                    test, adversaries.server().orElse(null), context.seeds(), adversaries.craftingCoalition(), params.shareFraction(), memory), "server");
            ctx.spawn(RoundDriver.create(server, SecclServerActor.RunRound::new, context.checkpoints().firstRound(series), config.rounds(),
                            round -> everyone, context.listener(), round -> context.checkpoints().roundDone(series, round, state), done, context.roundTimeline()), "driver")
                    .tell(new RoundDriver.Start());
            return lost -> server.tell(new SecclServerActor.ParticipantLost(lost.id(), lost.replacement(SecclParticipantActor.KIND), lost.detail()));
        });
    }

    /**
     * Each participant's two phases on its device: download the global model, train its local epochs, upload its sparse
     * update (4-byte index and value per entry); then download the other n-1 uploads, score each with one pass over its
     * validation set, upload a ballot (a 4-byte id and an 8-byte score per candidate). Every participant is costed for
     * the honest work, whatever its conduct. Dropout is fedavg's only: a SecCL round waits for every ballot.
     */
    static SecclDeviceTime deviceTime(RunConfig config, SecclParams params, FederatedData data, SeedStreams seeds) {
        if (config.devices() == null) {
            return SecclDeviceTime.NONE;
        }
        if (config.devices().trace() != null) {
            throw new UserError("devices.trace: offline windows are modelled for fedavg only (a seccl round waits for every ballot); remove the trace for seccl runs");
        }
        int n = config.participants();
        Devices devices = Devices.of(config.devices(), config.model().type(), n, seeds);
        Dataset test = data.test();
        ModelCost cost = ModelCost.of(config.model(), test.numFeatures(), test.imageShape(), test.numClasses());
        long uploadBytes = SparseUpdate.wireBytes(SparseUpdate.entries((int) cost.parameters(), params.shareFraction()));
        long ballotBytes = Integer.BYTES + (long) (n - 1) * (Integer.BYTES + Double.BYTES);
        long[] uploadPhase = new long[n];
        long[] scoringPhase = new long[n];
        for (ParticipantData p : data.participants()) {
            int id = p.participantId();
            DeviceProfile device = devices.of(id);
            if (device.dropout() > 0) {
                throw new UserError("devices: participant " + id + " has dropout " + device.dropout() + ", but a seccl round waits for every ballot"
                        + " (dropout is modelled for fedavg only); set the dropout to 0 for seccl runs");
            }
            uploadPhase[id] = DevicePace.downloadTrainUpload(device, cost.modelBytes(),
                    cost.trainFlops((long) p.train().size() * config.training().localEpochs()), uploadBytes);
            scoringPhase[id] = device.downloadMillis((n - 1) * uploadBytes)
                    + device.computeMillis((double) cost.evaluationFlops(p.validation().size()) * (n - 1)) + device.uploadMillis(ballotBytes);
        }
        return new SecclDeviceTime(uploadPhase, scoringPhase);
    }

    /**
     * Participants keep nothing between messages that the server does not send, except what their member's memory keeps
     * for stale free-riders, so any member can host any of them. The server, the ledger and a crafting coalition's memory
     * of the previous round's relays stay on the driver.
     */
    @Override
    public Clustering clustering() {
        return new Clustering.Supported(inputs -> participants(inputs.config(), inputs.shares(), inputs.seeds(),
                (SecclParams) inputs.config().scenario(), new ParticipantMemory()));
    }

    /**
     * How every JVM of a run builds SecCL participant {@code id} from the config alone (clustered runs create participants
     * on other members from this). The ledger service's reference comes with each evaluation request.
     *
     * @param data   the driver's shares, or a member's split that copies a share out when its entity starts there
     * @param memory what participants carry between rounds (on the driver shared with the server, which checkpoints it)
     */
    public static Entities participants(RunConfig config, ParticipantShares data, SeedStreams seeds, SecclParams params, ParticipantMemory memory) {
        AdversaryPlan adversaries = AdversaryPlan.of(config.adversaries(), config.participants(), seeds);
        return Entities.of(SecclParticipantActor.KIND, data.participantIds(), id -> SecclParticipantActor.create(data.share(id),
                ModelBuilder.build(config, data.shape(), seeds), config.training(), seeds, adversaries.conductOf(id), adversaries.coalition(),
                params.shareFraction(), params.evalBatchSize(), memory, config.runtime().onParticipantFailure(), LocalPrivacy.of(config.privacy(), seeds)));
    }

    @Override
    public String series() {
        return "seccl";
    }

    @Override
    public String series(SecclParams params) {
        return params.aggregator() == SecclParams.Aggregator.ELECTION ? "seccl" : "seccl-fedavg";
    }
}
