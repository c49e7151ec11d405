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
import io.chainfl.agents.SimulationSystem;
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
import java.util.Map;
import java.util.TreeMap;
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
        SimulationSystem.run(config.name(), config.runtime().effectiveThreads(), (ctx, done) -> {
            Map<Integer, ActorRef<ParticipantActor.Command>> participants = new TreeMap<>();
            for (ParticipantData data : context.data().participants()) {
                Model local = ModelBuilder.build(config, test, context.seeds());
                participants.put(data.participantId(), ctx.spawn(
                        ParticipantActor.create(data, local, config.training(), context.seeds(), adversaries.conductOf(data.participantId()),
                                config.runtime().onParticipantFailure(), memory),
                        "participant-" + data.participantId(), SimulationSystem.trainingDispatcher()));
            }
            ActorRef<ParameterServerActor.Command> server = ctx.spawn(ParameterServerActor.create(series(), participants, global,
                    aggregator, context.ledger(), test, params.evalBatchSize(), adversaries.craftingCoalition(), backdoorProbe, memory), "server");
            ActorRef<RoundDriver.Command> driver = ctx.spawn(RoundDriver.create(server, ParameterServerActor.RunRound::new,
                    context.checkpoints().firstRound(series()), config.rounds(), sampler::select, context.listener(),
                    round -> context.checkpoints().roundDone(series(), round, state), done), "driver");
            driver.tell(new RoundDriver.Start());
        });
    }
}
