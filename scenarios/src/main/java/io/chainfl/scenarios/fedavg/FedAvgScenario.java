package io.chainfl.scenarios.fedavg;

import io.chainfl.agents.ParameterServerActor;
import io.chainfl.agents.adversary.AdversaryPlan;
import io.chainfl.agents.adversary.BackdoorParams;
import io.chainfl.engine.UserError;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.RoundDriver;
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
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioContext;
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

    /** With a backdoor adversary, also the fraction of triggered non-target test images classified as the target. */
    @Override
    public List<String> metricColumns(RunConfig config) {
        boolean backdoor = config.adversaries().stream().anyMatch(a -> a instanceof BackdoorParams);
        return backdoor ? List.of("participants", "ledger_txs", "ledger_bytes", "attack_success_rate") : metricColumns();
    }

    @Override
    public void run(ScenarioContext context, FedAvgParams params) {
        RunConfig config = context.config();
        Dataset test = context.data().test();
        ParticipantSampler sampler = new ParticipantSampler(config.participants(), params.sampleFraction(), context.seeds());
        AdversaryPlan adversaries = AdversaryPlan.of(config.adversaries(), config.participants(), context.seeds());
        if (params.aggregator() instanceof AggregatorParams.FLTrustParams) {
            throw new UserError("scenario.aggregator: fltrust needs a clean root data set at the server, which the fedavg scenario does not have yet;"
                    + " choose another aggregator (chainfl schema lists them)");
        }
        Aggregator aggregator;
        try {
            aggregator = Aggregators.create(params.aggregator());
        } catch (IllegalArgumentException e) {
            throw new UserError("scenario.aggregator: " + e.getMessage());
        }
        if (adversaries.server().isPresent()) {
            throw new UserError("adversaries: malicious_server needs a protocol that relays uploads (scenario.type: seccl); fedavg has no relay");
        }
        Dataset backdoorProbe = adversaries.backdoor().map(b -> b.probe(test)).orElse(null);
        Model global = ModelBuilder.build(config, test, context.seeds());
        List<Integer> ids = context.data().participants().stream().map(ParticipantData::participantId).toList();
        context.deployment().run(config.name(), config.runtime().effectiveThreads(), global.numParams(),
                participantRecipe(config, context.data(), context.seeds()), ids, (ctx, participants, done) -> {
            ActorRef<ParameterServerActor.Command> server = ctx.spawn(ParameterServerActor.create(series(), participants, global,
                    aggregator, context.ledger(), test, params.evalBatchSize(), adversaries.craftingCoalition(), backdoorProbe), "server");
            ActorRef<RoundDriver.Command> driver = ctx.spawn(
                    RoundDriver.create(server, ParameterServerActor.RunRound::new, config.rounds(), sampler::select, context.listener(), done), "driver");
            driver.tell(new RoundDriver.Start());
            return server.narrow();
        });
    }

    /**
     * How every JVM of a run builds FedAvg participant {@code id} from the config alone (clustered runs create
     * participants on other members from this). Participants training on the same thread share one model.
     */
    public static ParticipantRecipe participantRecipe(RunConfig config, FederatedData data, SeedStreams seeds) {
        AdversaryPlan adversaries = AdversaryPlan.of(config.adversaries(), config.participants(), seeds);
        PerThreadModel models = new PerThreadModel(() -> ModelBuilder.build(config, data.test(), seeds));
        return id -> ParticipantActor.create(data.participants().get(id), models, config.training(), seeds, adversaries.conductOf(id));
    }
}
