package io.chainfl.scenarios.fedavg;

import io.chainfl.agents.Deployment;
import io.chainfl.agents.FedAvgStrategy;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.agents.adversary.AdversaryPlan;
import io.chainfl.agents.async.AsyncParams;
import io.chainfl.agents.async.AsyncRule;
import io.chainfl.agents.async.AsyncSchedule;
import io.chainfl.agents.async.AsyncServerActor;
import io.chainfl.agents.async.BlockPublication;
import io.chainfl.ledger.sim.ConsensusModels;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.engine.UserError;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.device.Devices;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.learning.aggregation.Aggregator;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.Model;
import io.chainfl.scenarios.ModelBuilder;
import io.chainfl.scenarios.ScenarioContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Fedavg with {@code scenario.asynchronous}: the same participants (actors, adversaries, devices) as synchronous rounds,
 * an {@link AsyncServerActor} in place of the server and round driver. Runs in one JVM and without checkpoints: its
 * state between two evaluations includes every training under way (who, since when, on which model), which
 * checkpoints do not hold, so {@code --cluster} and {@code --resume} are refused with one line.
 */
final class AsyncFedAvg {
    private AsyncFedAvg() {}

    /** The series' columns: those of a synchronous round, then the staleness of the updates applied. */
    static List<Metric> metrics(boolean backdoor) {
        List<Metric> metrics = new ArrayList<>(FedAvgStrategy.metrics(backdoor, List.of()));
        metrics.add(AsyncServerActor.STALENESS_MEAN);
        metrics.add(AsyncServerActor.STALENESS_MAX);
        return List.copyOf(metrics);
    }

    /**
     * {@code publish: on_block}: versions published at the chain's block times, the configured consensus model drawing
     * from a stream of its own ({@value #BLOCKS_STREAM}), so the ledger's own blocks (one per row) are not disturbed.
     */
    static AsyncSchedule.Publication publication(RunConfig config, AsyncParams async, ScenarioContext context) {
        if (async.publish() == AsyncParams.Publish.IMMEDIATE) {
            return AsyncSchedule.Publication.IMMEDIATE;
        }
        return new BlockPublication(ConsensusModels.create(config.ledger().simulated().consensus(), context.seeds().stream(BLOCKS_STREAM)),
                context.clock().nowMillis());
    }

    static final String BLOCKS_STREAM = "async/blocks";

    static void run(ScenarioContext context, FedAvgParams params, Aggregator aggregator, String series) {
        RunConfig config = context.config();
        AsyncParams async = params.asynchronous();
        if (context.deployment() != Deployment.LOCAL) {
            throw new UserError("--cluster: scenario.asynchronous (" + async.typeName() + ") runs in one JVM only; run without --cluster"
                    + " or remove scenario.asynchronous");
        }
        if (context.checkpoints().resume(series).isPresent()) {
            throw new UserError("--resume: scenario.asynchronous (" + async.typeName() + ") writes no checkpoints (its trainings under way are not"
                    + " saved); start the run again (chainfl run FILE --out DIR --force)");
        }
        Dataset test = context.data().test();
        AdversaryPlan adversaries = AdversaryPlan.of(config.adversaries(), config.participants(), context.seeds());
        Dataset backdoorProbe = adversaries.backdoor().map(b -> b.probe(test)).orElse(null);
        Model global = ModelBuilder.build(config, test, context.seeds());
        Devices devices = Devices.of(config.devices(), config.model().type(), config.participants(), context.seeds());
        long[] millis = FedAvgScenario.deviceMillis(config, context.data(), devices);
        int concurrency = async.concurrency() == null ? config.participants() : async.concurrency();
        AsyncServerActor.Setup setup = new AsyncServerActor.Setup(series, async, AsyncRule.of(async, aggregator), id -> millis[id], concurrency,
                config.rounds(), test, params.evalBatchSize(), backdoorProbe, context.clock(), context.listener(), context.seeds(),
                publication(config, async, context));
        ParticipantMemory memory = new ParticipantMemory();
        context.deployment().run(config.name(), config.runtime().effectiveThreads(), global.numParams(),
                FedAvgScenario.participants(config, context.data(), context.seeds(), memory), (ctx, entities, done) -> {
            Map<Integer, ActorRef<ParticipantActor.Command>> participants = entities.of(ParticipantActor.KIND);
            ActorRef<LedgerMessages.Command> ledgerNode = ctx.spawn(LedgerNode.create(context.ledger()), "ledger", LedgerNode.dispatcher());
            ActorRef<AsyncServerActor.Command> server = ctx.spawn(AsyncServerActor.create(setup, participants, global, ledgerNode, done), "server");
            server.tell(new AsyncServerActor.Start());
            return lost -> {
                throw new IllegalStateException("a local run lost participant " + lost.id());
            };
        });
    }
}
