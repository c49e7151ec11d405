package io.chainfl.scenarios.fedavg;

import io.chainfl.agents.FedAvgStrategy;
import io.chainfl.agents.ParameterServerActor;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.agents.adversary.AdversaryPlan;
import io.chainfl.agents.adversary.BackdoorTrigger;
import io.chainfl.agents.adversary.CoalitionAttack;
import io.chainfl.agents.adversary.Conduct;
import io.chainfl.agents.adversary.TrainingDataAttack;
import io.chainfl.agents.adversary.DataHolding;
import io.chainfl.agents.rewards.ContributionRewards;
import io.chainfl.agents.rewards.RewardsParams;
import io.chainfl.agents.round.UploadStrategy;
import io.chainfl.agents.adversary.UpdateAttack;
import io.chainfl.engine.UserError;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.engine.checkpoint.Checkpointable;
import io.chainfl.scenarios.ModelState;
import io.chainfl.agents.RoundDriver;
import io.chainfl.agents.RoundObserver;
import io.chainfl.agents.adversary.PropertyInference;
import io.chainfl.agents.adversary.PropertyInferenceParams;
import io.chainfl.agents.Entities;
import io.chainfl.agents.ParticipantChange;
import io.chainfl.agents.PerThreadModel;
import io.chainfl.learning.data.FederatedData;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.aggregation.Aggregator;
import io.chainfl.learning.aggregation.Aggregators;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.config.RoundEnd;
import io.chainfl.engine.config.PrivacyConfig;
import io.chainfl.engine.config.PrivacyMode;
import io.chainfl.learning.privacy.DpFedAvg;
import io.chainfl.learning.privacy.LocalPrivacy;
import io.chainfl.engine.device.DeviceTrace;
import io.chainfl.engine.device.Devices;
import java.nio.file.Path;
import io.chainfl.agents.round.DevicePace;
import io.chainfl.agents.round.RoundPace;
import io.chainfl.agents.round.ServerTime;
import io.chainfl.engine.config.ServerWork;
import io.chainfl.learning.cost.AggregationCost;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.learning.cost.ModelCost;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.data.ParticipantShares;
import io.chainfl.learning.model.Model;
import io.chainfl.scenarios.ModelBuilder;
import io.chainfl.scenarios.ParticipantSampler;
import io.chainfl.scenarios.Clustering;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Federated averaging: every round the selected participants download the global model, train locally and
 * upload their change; the server averages the changes weighted by local data size. Update hashes are
 * recorded on the ledger. (Over 300 lines: the synchronous, asynchronous and clustered wirings of one scenario share
 * its participants' recipes and its checks, and read best side by side.)
 */
public final class FedAvgScenario implements Scenario<FedAvgParams> {

    @Override
    public String name() {
        return "fedavg";
    }

    @Override
    public String description() {
        return "federated averaging weighted by local data size (McMahan et al. 2017), or a robust aggregator";
    }

    /** Download, training and upload on each participant's device (see {@link #pace}). */
    @Override
    public boolean modelsDevices() {
        return true;
    }

    /** The server's aggregation and evaluation on its device ({@code devices.server_work}, synchronous rounds). */
    @Override
    public boolean modelsServerWork() {
        return true;
    }

    @Override
    public Class<FedAvgParams> paramsType() {
        return FedAvgParams.class;
    }

    @Override
    public List<Metric> metrics() {
        return FedAvgStrategy.metrics(false, List.of());
    }

    /**
     * With a backdoor adversary, also the fraction of triggered non-target test images classified as the target; with a
     * property-inference adversary, its AUC and the fraction of coordinates it sees.
     */
    @Override
    public List<Metric> metrics(RunConfig config) {
        boolean backdoor = config.adversaries().stream().anyMatch(a -> a instanceof BackdoorTrigger);
        boolean spy = config.adversaries().stream().anyMatch(a -> a instanceof PropertyInferenceParams);
        if (config.scenario() instanceof FedAvgParams p && p.asynchronous() != null) {
            return AsyncFedAvg.metrics(backdoor);
        }
        List<Metric> metrics = new java.util.ArrayList<>(FedAvgStrategy.metrics(backdoor, spy ? List.of(PropertyInference.AUC, PropertyInference.SHARED_FRACTION) : List.of()));
        if (config.devices() != null && config.devices().serverWork() != ServerWork.NONE) {
            metrics.add(ServerTime.SERVER_MS);
        }
        RewardsParams rewards = ((FedAvgParams) config.scenario()).rewards();
        if (rewards != null) {
            metrics.addAll(ContributionRewards.metrics(rewards));
        }
        return List.copyOf(metrics);
    }

    /** With rewards, each participant's valuation and payout per round. */
    @Override
    public List<Metric> participantMetrics(RunConfig config) {
        return ((FedAvgParams) config.scenario()).rewards() == null ? List.of() : ContributionRewards.participantMetrics();
    }

    /**
     * Every participant-side attack, the backdoors whose success it measures (dba's record hands each attacker its own
     * part, so it is not itself a training-data attack) the passive observer and who holds which data (the rewards' threats); no relay to tamper with
     * (malicious_server) and no ballots to rig (dishonest_vote).
     */
    @Override
    public Set<Class<?>> supportedAdversaries() {
        return Set.of(TrainingDataAttack.class, UpdateAttack.class, CoalitionAttack.class, Conduct.FreeRide.class, PropertyInferenceParams.class,
                BackdoorTrigger.class, DataHolding.class);
    }

    /**
     * The configured rule, built with what the server holds besides the uploads (for rules that train on its own data);
     * with central DP, DP-FedAvg, whose denominator is the number of participants a round asks for.
     */
    static Aggregator aggregator(ScenarioContext context, FedAvgParams params) {
        PrivacyConfig privacy = context.config().privacy();
        if (privacy != null && privacy.mode() == PrivacyMode.CENTRAL) {
            int perRound = ParticipantSampler.perRound(context.config().participants(), params.sampleFraction());
            return new DpFedAvg(privacy.clipNorm(), privacy.noiseMultiplier(), perRound, context.seeds());
        }
        try {
            return Aggregators.create(params.aggregator(), context.server());
        } catch (IllegalArgumentException e) {
            throw new UserError("scenario.aggregator: " + e.getMessage());
        }
    }

    @Override
    public void run(ScenarioContext context, FedAvgParams params) {
        if (params.asynchronous() != null) {
            AsyncFedAvg.run(context, params, aggregator(context, params), series());
            return;
        }
        RunConfig config = context.config();
        Dataset test = context.data().test();
        ParticipantSampler sampler = new ParticipantSampler(config.participants(), params.sampleFraction(), context.seeds());
        AdversaryPlan adversaries = AdversaryPlan.of(config.adversaries(), config.participants(), context.seeds());
        Aggregator aggregator = aggregator(context, params);
        Dataset backdoorProbe = adversaries.backdoor().map(b -> b.probe(test)).orElse(null);
        // between rounds the state is the global model, what participants remember (free-riders' last uploads, who was
        // dropped) and what a crafting coalition learned in earlier rounds (mimic's direction and choice)
        Model global = ModelBuilder.build(config, test, context.seeds());
        ParticipantMemory memory = new ParticipantMemory();
        var restored = context.checkpoints().resume(series());
        restored.ifPresent(r -> {
            ModelState.restore(r.state(), "global_model", global);
            memory.restore(r.state(), "participants/", context.data().participants().stream().map(ParticipantData::participantId)
                    .collect(java.util.stream.Collectors.toSet()));
            aggregator.restoreState(r.state(), "aggregator/");
            adversaries.craftingCoalition().restore(r.state(), "coalition/");
        });
        // the rule's own memory too (centered clipping's center, FoolsGold's histories); stateless rules add no section
        Checkpointable state = out -> {
            ModelState.save(out, "global_model", global);
            memory.save(out, "participants/", id -> adversaries.conductOf(id).replaysPreviousUpload());
            aggregator.saveState(out, "aggregator/");
            adversaries.craftingCoalition().save(out, "coalition/");
        };
        RoundObserver observer = adversaries.propertyInference()
                .<RoundObserver>map(spy -> new PropertyInference(spy.params(), spy.participant(), context.data().participants(),
                        ModelBuilder.build(config, test, context.seeds()), config.training(), context.seeds()))
                .orElse(RoundObserver.NONE);
        if (restored.isPresent() && adversaries.propertyInference().isPresent()) {
            throw new UserError("--resume: the property_inference adversary keeps the updates it trains on in memory, which checkpoints do not hold;"
                    + " start the run again (chainfl run FILE --out DIR --force)");
        }
        RoundPace pace = pace(config, params, context.data(), context.seeds(), context.clock()::nowMillis);
        if (restored.isPresent() && params.rewards() != null) {
            throw new UserError("--resume: scenario.rewards keeps each participant's summed valuations in memory, which checkpoints do not hold;"
                    + " start the run again (chainfl run FILE --out DIR --force)");
        }
        UploadStrategy strategy = strategy(context, params, aggregator, adversaries, backdoorProbe, observer);
        context.deployment().run(config.name(), config.runtime().effectiveThreads(), global.numParams(),
                participants(config, context.data(), context.seeds(), memory), (ctx, entities, done) -> {
            Map<Integer, ActorRef<ParticipantActor.Command>> participants = entities.of(ParticipantActor.KIND);
            ActorRef<LedgerMessages.Command> ledgerNode = ctx.spawn(LedgerNode.create(context.ledger()), "ledger", LedgerNode.dispatcher());
            ActorRef<ParameterServerActor.Command> server = ctx.spawn(ParameterServerActor.create(series(), participants, global,
                    strategy, ledgerNode, test, params.evalBatchSize(), memory, pace), "server");
            ActorRef<RoundDriver.Command> driver = ctx.spawn(RoundDriver.create(server, ParameterServerActor.RunRound::new,
                    context.checkpoints().firstRound(series()), config.rounds(), sampler::select, context.listener(),
                    round -> context.checkpoints().roundDone(series(), round, state), done, context.roundTimeline()), "driver");
            driver.tell(new RoundDriver.Start());
            return lost -> server.tell(new ParticipantChange(lost.id(), lost.replacement(ParticipantActor.KIND), lost.detail()));
        });
    }

    /** FedAvg's strategy, wrapped in contribution rewards when the config asks for them. */
    private static UploadStrategy strategy(ScenarioContext context, FedAvgParams params, Aggregator aggregator, AdversaryPlan adversaries,
                                           Dataset backdoorProbe, RoundObserver observer) {
        UploadStrategy fedavg = new FedAvgStrategy(aggregator, adversaries.craftingCoalition(), backdoorProbe, observer, params.evalBatchSize());
        if (params.rewards() == null) {
            return fedavg;
        }
        RunConfig config = context.config();
        Dataset validation = context.data().serverRoot();
        return new ContributionRewards(fedavg, params.rewards(), config.rounds(), ModelBuilder.build(config, context.data().test(), context.seeds()),
                validation, params.evalBatchSize(), context.seeds());
    }

    /**
     * How long each participant's round takes on its device: download the global model, train its local epochs over its
     * training split, upload its dense update (4 bytes per parameter each way). Without a devices section, no time.
     */
    static RoundPace pace(RunConfig config, FedAvgParams params, FederatedData data, SeedStreams seeds, java.util.function.LongSupplier roundStartMillis) {
        if (config.devices() == null) {
            if (params.roundEnd() != RoundEnd.ALL) {
                // FedAvgParams.check refuses this when the config is loaded
                throw new IllegalStateException("scenario.round_end " + params.roundEnd() + " without devices passed the config check");
            }
            return RoundPace.INSTANT;
        }
        Devices devices = Devices.of(config.devices(), config.model().type(), config.participants(), seeds);
        long[] millis = deviceMillis(config, data, devices);
        long deadlineMillis = params.deadlineS() == null ? 0 : (long) Math.ceil(params.deadlineS() * 1000.0);
        int k = params.k() == null ? 0 : params.k();
        DeviceTrace trace = config.devices().trace() == null ? DeviceTrace.NONE : DeviceTrace.read(Path.of(config.devices().trace()), config.participants());
        return new DevicePace(devices, id -> millis[id], params.roundEnd(), deadlineMillis, k, seeds, trace, roundStartMillis, serverTime(config, params, data));
    }

    /**
     * The server's own work per round on its device ({@code devices.server_work}), or null for none: the aggregator's
     * operations over the round's uploads of the model's parameters and, with {@code aggregate_and_evaluate}, the
     * forward pass over every test row.
     */
    static ServerTime serverTime(RunConfig config, FedAvgParams params, FederatedData data) {
        ServerWork work = config.devices().serverWork();
        if (work == ServerWork.NONE) {
            return null;
        }
        Dataset test = data.test();
        ModelCost cost = ModelCost.of(config.model(), test.numFeatures(), test.imageShape(), test.numClasses());
        // FedAvgParams.check refuses a rule whose cost is not counted when the config is loaded
        AggregationCost.Count count = AggregationCost.of(params.aggregator()).orElseThrow(() -> new IllegalStateException(
                "devices.server_work with an uncounted aggregator passed the config check"));
        double evaluation = work == ServerWork.AGGREGATE_AND_EVALUATE ? cost.evaluationFlops(test.size()) : 0;
        return new ServerTime(Devices.serverProfile(config.devices(), config.model().type()), count, cost.parameters(), evaluation);
    }

    /**
     * Each participant's virtual milliseconds on its device for one training: download the global model, train its local
     * epochs over its training split, upload its dense update (4 bytes per parameter each way); by participant id.
     */
    static long[] deviceMillis(RunConfig config, FederatedData data, Devices devices) {
        Dataset test = data.test();
        ModelCost cost = ModelCost.of(config.model(), test.numFeatures(), test.imageShape(), test.numClasses());
        long[] millis = new long[config.participants()];
        for (ParticipantData p : data.participants()) {
            long samples = (long) p.train().size() * config.training().localEpochs();
            millis[p.participantId()] = DevicePace.downloadTrainUpload(devices.of(p.participantId()), cost.modelBytes(), cost.trainFlops(samples), cost.modelBytes());
        }
        return millis;
    }

    /**
     * Participants hold nothing between rounds that the server does not send, except what their member's memory
     * keeps for free-riders, so any member can host any of them.
     */
    @Override
    public Clustering clustering() {
        return new Clustering.Supported(inputs -> participants(inputs.config(), inputs.shares(), inputs.seeds(), new ParticipantMemory()));
    }

    /**
     * How every JVM of a run builds FedAvg participant {@code id} from the config alone (clustered runs create
     * participants on other members from this). Participants training on the same thread share one model.
     *
     * @param data   the driver's shares, or a member's split that copies a share out when its entity starts there
     * @param memory what participants carry between rounds (on the driver shared with the server, which checkpoints it)
     */
    public static Entities participants(RunConfig config, ParticipantShares honestData, SeedStreams seeds, ParticipantMemory memory) {
        // duplicated data and sybil splits change who holds which rows before anyone trains, on every JVM alike
        ParticipantShares data = DataHolding.rewrite(honestData, config.adversaries());
        AdversaryPlan adversaries = AdversaryPlan.of(config.adversaries(), config.participants(), seeds);
        PerThreadModel models = new PerThreadModel(() -> ModelBuilder.build(config, data.shape(), seeds));
        LocalPrivacy privacy = LocalPrivacy.of(config.privacy(), seeds);
        return Entities.of(ParticipantActor.KIND, data.participantIds(), id -> ParticipantActor.create(id, data.heldShare(id), models, config.training(),
                seeds, adversaries.conductOf(id), config.runtime().onParticipantFailure(), memory, privacy));
    }
}
