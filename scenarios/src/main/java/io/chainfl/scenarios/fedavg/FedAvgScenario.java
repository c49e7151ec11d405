package io.chainfl.scenarios.fedavg;

import io.chainfl.agents.ParameterServerActor;
import io.chainfl.agents.adversary.AdversaryPlan;
import io.chainfl.agents.adversary.BackdoorParams;
import io.chainfl.engine.UserError;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.engine.checkpoint.Checkpointable;
import io.chainfl.scenarios.ModelState;
import io.chainfl.agents.RoundDriver;
import io.chainfl.agents.RootTrustAggregator;
import io.chainfl.agents.RoundObserver;
import io.chainfl.agents.adversary.PropertyInference;
import io.chainfl.agents.adversary.PropertyInferenceParams;
import io.chainfl.agents.ParticipantRecipe;
import io.chainfl.agents.PerThreadModel;
import io.chainfl.engine.data.FederatedData;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.engine.aggregation.Aggregator;
import io.chainfl.engine.aggregation.AggregatorParams;
import io.chainfl.engine.aggregation.Aggregators;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.data.Dataset;
import io.chainfl.engine.data.ParticipantData;
import io.chainfl.engine.model.Model;
import io.chainfl.scenarios.ModelBuilder;
import io.chainfl.scenarios.ParticipantSampler;
import io.chainfl.scenarios.Clustering;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Federated averaging: every round the selected participants download the global model, train locally and
 * upload their change; the server averages the changes weighted by local data size. Update hashes are
 * recorded on the ledger.
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

    @Override
    public Class<FedAvgParams> paramsType() {
        return FedAvgParams.class;
    }

    @Override
    public List<String> metricColumns() {
        return List.of("participants", "ledger_txs", "ledger_bytes");
    }

    /**
     * With a backdoor adversary, also the fraction of triggered non-target test images classified as the target; with a
     * property-inference adversary, its AUC and the fraction of coordinates it sees.
     */
    @Override
    public List<String> metricColumns(RunConfig config) {
        List<String> columns = new ArrayList<>(metricColumns());
        if (config.adversaries().stream().anyMatch(a -> a instanceof BackdoorParams)) {
            columns.add("attack_success_rate");
        }
        if (config.adversaries().stream().anyMatch(a -> a instanceof PropertyInferenceParams)) {
            columns.add(PropertyInference.AUC);
            columns.add(PropertyInference.SHARED_FRACTION);
        }
        return List.copyOf(columns);
    }

    /** The configured rule; FLTrust trains the server's own model copy on the root data held out for it. */
    private static Aggregator aggregator(ScenarioContext context, FedAvgParams params) {
        try {
            Aggregator rule = Aggregators.create(params.aggregator());
            if (params.aggregator() instanceof AggregatorParams.FLTrustParams) {
                Dataset root = context.data().serverRootData().orElseThrow(() -> new UserError(
                        "scenario.aggregator: fltrust needs the server's root data set, which this run's data was built without"));
                return new RootTrustAggregator(ModelBuilder.build(context.config(), context.data().test(), context.seeds()), root,
                        context.config().training(), context.seeds());
            }
            return rule;
        } catch (IllegalArgumentException e) {
            throw new UserError("scenario.aggregator: " + e.getMessage());
        }
    }

    @Override
    public void run(ScenarioContext context, FedAvgParams params) {
        RunConfig config = context.config();
        Dataset test = context.data().test();
        ParticipantSampler sampler = new ParticipantSampler(config.participants(), params.sampleFraction(), context.seeds());
        AdversaryPlan adversaries = AdversaryPlan.of(config.adversaries(), config.participants(), context.seeds());
        Aggregator aggregator = aggregator(context, params);
        if (adversaries.server().isPresent()) {
            throw new UserError("adversaries: malicious_server needs a protocol that relays uploads (scenario.type: seccl); fedavg has no relay");
        }
        Dataset backdoorProbe = adversaries.backdoor().map(b -> b.probe(test)).orElse(null);
        // between rounds the state is the global model and what participants remember (free-riders' last uploads, who was dropped)
        Model global = ModelBuilder.build(config, test, context.seeds());
        ParticipantMemory memory = new ParticipantMemory();
        var restored = context.checkpoints().resume(series());
        restored.ifPresent(r -> {
            ModelState.restore(r.state(), "global_model", global);
            memory.restore(r.state(), "participants/", context.data().participants().stream().map(ParticipantData::participantId)
                    .collect(java.util.stream.Collectors.toSet()));
        });
        Checkpointable state = out -> {
            ModelState.save(out, "global_model", global);
            memory.save(out, "participants/", id -> adversaries.conductOf(id).replaysPreviousUpload());
        };
        RoundObserver observer = adversaries.propertyInference()
                .<RoundObserver>map(spy -> new PropertyInference(spy.params(), spy.participant(), context.data().participants(),
                        ModelBuilder.build(config, test, context.seeds()), config.training(), context.seeds()))
                .orElse(RoundObserver.NONE);
        if (restored.isPresent() && adversaries.propertyInference().isPresent()) {
            throw new UserError("--resume: the property_inference adversary keeps the updates it trains on in memory, which checkpoints do not hold;"
                    + " start the run again (chainfl run FILE --out DIR --force)");
        }
        List<Integer> ids = context.data().participants().stream().map(ParticipantData::participantId).toList();
        context.deployment().run(config.name(), config.runtime().effectiveThreads(), global.numParams(),
                participantRecipe(config, context.data(), context.seeds(), memory), ids, (ctx, participants, done) -> {
            ActorRef<ParameterServerActor.Command> server = ctx.spawn(ParameterServerActor.create(series(), participants, global,
                    aggregator, context.ledger(), test, params.evalBatchSize(), adversaries.craftingCoalition(), backdoorProbe, memory, observer), "server");
            ActorRef<RoundDriver.Command> driver = ctx.spawn(RoundDriver.create(server, ParameterServerActor.RunRound::new,
                    context.checkpoints().firstRound(series()), config.rounds(), sampler::select, context.listener(),
                    round -> context.checkpoints().roundDone(series(), round, state), done), "driver");
            driver.tell(new RoundDriver.Start());
            return server.narrow();
        });
    }

    /** Participants hold nothing between rounds that the server does not send, so any member can host any of them. */
    @Override
    public Clustering clustering() {
        return new Clustering.Supported(inputs -> participantRecipe(inputs.config(), inputs.data(), inputs.seeds()));
    }

    /**
     * How every JVM of a run builds FedAvg participant {@code id} from the config alone (clustered runs create
     * participants on other members from this). Participants training on the same thread share one model.
     */
    public static ParticipantRecipe participantRecipe(RunConfig config, FederatedData data, SeedStreams seeds) {
        return participantRecipe(config, data, seeds, new ParticipantMemory());
    }

    /** @param memory what participants carry between rounds (shared with the server, which checkpoints it) */
    static ParticipantRecipe participantRecipe(RunConfig config, FederatedData data, SeedStreams seeds, ParticipantMemory memory) {
        AdversaryPlan adversaries = AdversaryPlan.of(config.adversaries(), config.participants(), seeds);
        PerThreadModel models = new PerThreadModel(() -> ModelBuilder.build(config, data.test(), seeds));
        return id -> ParticipantActor.create(data.participants().get(id), models, config.training(), seeds, adversaries.conductOf(id),
                config.runtime().onParticipantFailure(), memory);
    }
}
