package io.chainfl.scenarios.learningchain;

import io.chainfl.agents.ParameterServerActor;
import io.chainfl.agents.ParticipantChange;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.agents.RoundDriver;
import io.chainfl.agents.adversary.AdversaryPlan;
import io.chainfl.agents.adversary.CoalitionAttack;
import io.chainfl.agents.adversary.Conduct;
import io.chainfl.agents.adversary.TrainingDataAttack;
import io.chainfl.agents.adversary.UpdateAttack;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.engine.UserError;
import io.chainfl.engine.checkpoint.Checkpointable;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.learning.aggregation.Aggregator;
import io.chainfl.learning.aggregation.Aggregators;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.model.Model;
import io.chainfl.scenarios.ModelBuilder;
import io.chainfl.scenarios.ModelState;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioContext;
import io.chainfl.scenarios.fedavg.FedAvgScenario;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * LearningChain (Chen, Ji, Luo, Liao and Li, "When Machine Learning Meets Blockchain: A Decentralized,
 * Privacy-preserving and Secure Design", IEEE BigData 2018; survey section 3.1; docs/learningchain.md). Its three
 * phases on the project's pieces:
 * <ol>
 *   <li>initialization: the data holders (participants) and the computing nodes ({@code scenario.hash_power}, one entry
 *       each) on one simulated chain whose blocks come by proof of work ({@code ledger.simulated.consensus.type: pow});</li>
 *   <li>local gradient computation: every data holder trains on its own data from the current model and, with a
 *       {@code privacy: {mode: local}} section, clips its change and adds Gaussian noise before it leaves
 *       (the project's local DP and accountant, docs/privacy.md); the gradients go on chain as transactions;</li>
 *   <li>global aggregation: the node that wins the round's proof-of-work race ({@link MiningRace}) aggregates the
 *       gradients with l-nearest gradients ({@code l_nearest}, or another rule to compare) and posts the model update
 *       in its block; every holder starts the next round from it.</li>
 * </ol>
 * Data holders are FedAvg's participant actors and the round runs on {@link ParameterServerActor}'s pipeline with a
 * {@link LearningChainStrategy}; with {@code training.local_epochs: 1} and a batch as large as a holder's share, a
 * holder's change is one gradient step, the paper's "local gradient".
 */
public final class LearningChainScenario implements Scenario<LearningChainParams> {

    @Override
    public String name() {
        return "learningchain";
    }

    @Override
    public String description() {
        return "LearningChain: data holders send differentially private gradients, the proof-of-work winner aggregates them with"
                + " l-nearest gradients and posts the model (Chen et al. 2018)";
    }

    @Override
    public Class<LearningChainParams> paramsType() {
        return LearningChainParams.class;
    }

    @Override
    public List<Metric> metrics() {
        return LearningChainStrategy.METRICS;
    }

    /** Byzantine data holders: every upload attack, crafting coalitions, poisoned training data and free-riders. */
    @Override
    public Set<Class<?>> supportedAdversaries() {
        return Set.of(TrainingDataAttack.class, UpdateAttack.class, CoalitionAttack.class, Conduct.FreeRide.class);
    }

    @Override
    public void run(ScenarioContext context, LearningChainParams params) {
        RunConfig config = context.config();
        Dataset test = context.data().test();
        AdversaryPlan adversaries = AdversaryPlan.of(config.adversaries(), config.participants(), context.seeds());
        Aggregator aggregator;
        try {
            aggregator = Aggregators.create(params.aggregator(), context.server());
        } catch (IllegalArgumentException e) {
            throw new UserError("scenario.aggregator: " + e.getMessage());
        }
        MiningRace race = new MiningRace(params.hashPower(), context.seeds());
        // between rounds the state is the model on chain, what data holders remember (free-riders' last uploads, who was
        // dropped), the rule's memory and a crafting coalition's; the race draws from per-round streams and keeps nothing
        Model global = ModelBuilder.build(config, test, context.seeds());
        ParticipantMemory memory = new ParticipantMemory();
        var restored = context.checkpoints().resume(series());
        restored.ifPresent(r -> {
            ModelState.restore(r.state(), "global_model", global);
            memory.restore(r.state(), "participants/", context.data().participants().stream().map(ParticipantData::participantId)
                    .collect(Collectors.toSet()));
            aggregator.restoreState(r.state(), "aggregator/");
            adversaries.craftingCoalition().restore(r.state(), "coalition/");
        });
        Checkpointable state = out -> {
            ModelState.save(out, "global_model", global);
            memory.save(out, "participants/", id -> adversaries.conductOf(id).replaysPreviousUpload());
            aggregator.saveState(out, "aggregator/");
            adversaries.craftingCoalition().save(out, "coalition/");
        };
        LearningChainStrategy strategy = new LearningChainStrategy(aggregator, race, adversaries.craftingCoalition(), test, params.evalBatchSize());
        List<Integer> everyHolder = IntStream.range(0, config.participants()).boxed().toList();
        context.deployment().run(config.name(), config.runtime().effectiveThreads(), global.numParams(),
                FedAvgScenario.participants(config, context.data(), context.seeds(), memory), (ctx, entities, done) -> {
            Map<Integer, ActorRef<ParticipantActor.Command>> holders = entities.of(ParticipantActor.KIND);
            ActorRef<LedgerMessages.Command> ledgerNode = ctx.spawn(LedgerNode.create(context.ledger()), "ledger", LedgerNode.dispatcher());
            ActorRef<ParameterServerActor.Command> server = ctx.spawn(ParameterServerActor.create(series(), holders, global,
                    strategy, ledgerNode, test, params.evalBatchSize(), memory), "server");
            ActorRef<RoundDriver.Command> driver = ctx.spawn(RoundDriver.create(server, ParameterServerActor.RunRound::new,
                    context.checkpoints().firstRound(series()), config.rounds(), round -> everyHolder, context.listener(),
                    round -> context.checkpoints().roundDone(series(), round, state), done, context.roundTimeline()), "driver");
            driver.tell(new RoundDriver.Start());
            return lost -> server.tell(new ParticipantChange(lost.id(), lost.replacement(ParticipantActor.KIND), lost.detail()));
        });
    }
}
