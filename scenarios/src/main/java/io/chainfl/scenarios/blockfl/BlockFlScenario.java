package io.chainfl.scenarios.blockfl;

import io.chainfl.agents.ParameterServerActor;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.ParticipantChange;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.agents.RoundDriver;
import io.chainfl.agents.adversary.FalsifiedSamplesParams;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.engine.UserError;
import io.chainfl.engine.checkpoint.Checkpointable;
import io.chainfl.engine.config.AdversaryParams;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.device.Devices;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.learning.cost.ModelCost;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.model.Model;
import io.chainfl.scenarios.ModelBuilder;
import io.chainfl.scenarios.ModelState;
import io.chainfl.scenarios.ParticipantSampler;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioContext;
import io.chainfl.scenarios.fedavg.FedAvgScenario;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * BlockFL (survey: "Blockchain-empowered FL, System II"; Kim, Park, Bennis & Kim, "Blockchained On-Device Federated
 * Learning", IEEE Comm. Letters 2020): the fedavg participants and server actors, with a round paced by
 * {@link BlockFlRounds} (devices, cross-verification, the miners' proof-of-work race with forks, propagation) and decided
 * by {@link BlockFlStrategy} (verified updates only, weighted and rewarded by their claimed samples). The server actor
 * stands for what every device computes from the block: the same global update.
 */
public final class BlockFlScenario implements Scenario<BlockFlParams> {

    @Override
    public String name() {
        return "blockfl";
    }

    @Override
    public String description() {
        return "BlockFL: updates verified by miners and mined under PoW with forks; round latency vs block rate (Kim, Park, Bennis & Kim 2020);"
                + " consensus: poq, Proof of Training Quality by a committee on a permissioned chain (Lu et al. 2020)";
    }

    @Override
    public Class<BlockFlParams> paramsType() {
        return BlockFlParams.class;
    }

    @Override
    public boolean modelsDevices() {
        return true;
    }

    /** Every column either mode can write, for {@code chainfl list metrics}; a run's columns are {@link #metrics(BlockFlParams)}. */
    @Override
    public List<Metric> metrics() {
        return BlockFlStrategy.ALL_METRICS;
    }

    @Override
    public List<Metric> metrics(BlockFlParams params) {
        return BlockFlStrategy.metrics(params);
    }

    @Override
    public List<Metric> participantMetrics(RunConfig config) {
        return List.of(BlockFlStrategy.REWARD);
    }

    @Override
    public Set<Class<?>> supportedAdversaries() {
        return Set.of(FalsifiedSamplesParams.class);
    }

    @Override
    public void run(ScenarioContext context, BlockFlParams params) {
        RunConfig config = context.config();
        Dataset test = context.data().test();
        ParticipantSampler sampler = new ParticipantSampler(config.participants(), 1.0, context.seeds());
        Model global = ModelBuilder.build(config, test, context.seeds());
        ParticipantMemory memory = new ParticipantMemory();
        context.checkpoints().resume(series()).ifPresent(r -> ModelState.restore(r.state(), "global_model", global));
        Checkpointable state = out -> ModelState.save(out, "global_model", global);

        Devices devices = Devices.of(config.devices(), config.model().type(), config.participants(), context.seeds());
        for (int id = 0; id < config.participants(); id++) {
            if (devices.of(id).dropout() > 0) {
                throw new UserError("devices: participant " + id + " has dropout " + devices.of(id).dropout()
                        + "; blockfl rounds wait for every device (dropout is not modelled for it): set dropout to 0");
            }
        }
        ModelCost cost = ModelCost.of(config.model(), test.numFeatures(), test.imageShape(), test.numClasses());
        Map<Integer, Long> samples = new TreeMap<>();
        Map<Integer, Dataset> ownData = new TreeMap<>();
        for (ParticipantData p : context.data().participants()) {
            samples.put(p.participantId(), (long) p.train().size());
            ownData.put(p.participantId(), p.train());
        }
        Map<Integer, FalsifiedSamplesParams> falsifiers = falsifiers(config);
        BlockFlRounds rounds = new BlockFlRounds(params, devices, cost, config.training().localEpochs(), samples, falsifiers, context.seeds(),
                context.clock()::nowMillis);
        rounds.checkRate(config.participants());
        BlockFlStrategy strategy = params.poq() ? new BlockFlStrategy(rounds, params, falsifiers.keySet(), ownData, global.copy())
                : new BlockFlStrategy(rounds, params, falsifiers.keySet());

        context.deployment().run(config.name(), config.runtime().effectiveThreads(), global.numParams(),
                FedAvgScenario.participants(config, context.data(), context.seeds(), memory), (ctx, entities, done) -> {
            Map<Integer, ActorRef<ParticipantActor.Command>> participants = entities.of(ParticipantActor.KIND);
            ActorRef<LedgerMessages.Command> ledgerNode = ctx.spawn(LedgerNode.create(context.ledger()), "ledger", LedgerNode.dispatcher());
            ActorRef<ParameterServerActor.Command> server = ctx.spawn(ParameterServerActor.create(series(), participants, global,
                    strategy, ledgerNode, test, params.evalBatchSize(), memory, rounds), "server");
            ActorRef<RoundDriver.Command> driver = ctx.spawn(RoundDriver.create(server, ParameterServerActor.RunRound::new,
                    context.checkpoints().firstRound(series()), config.rounds(), sampler::select, context.listener(),
                    round -> context.checkpoints().roundDone(series(), round, state), done, context.roundTimeline()), "driver");
            driver.tell(new RoundDriver.Start());
            return lost -> server.tell(new ParticipantChange(lost.id(), lost.replacement(ParticipantActor.KIND), lost.detail()));
        });
    }

    /** Who falsifies: the ids an entry names, else the last {@code fraction} of the participants; a later entry wins. */
    static Map<Integer, FalsifiedSamplesParams> falsifiers(RunConfig config) {
        Map<Integer, FalsifiedSamplesParams> who = new TreeMap<>();
        int n = config.participants();
        for (AdversaryParams a : config.adversaries()) {
            if (a instanceof FalsifiedSamplesParams f) {
                if (!f.ids().isEmpty()) {
                    f.ids().stream().filter(id -> id >= 0 && id < n).forEach(id -> who.put(id, f));
                } else {
                    int count = (int) Math.round(f.fraction() * n);
                    for (int id = n - count; id < n; id++) {
                        who.put(id, f);
                    }
                }
            }
        }
        return who;
    }
}
