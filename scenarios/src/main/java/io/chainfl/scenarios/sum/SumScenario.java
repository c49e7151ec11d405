package io.chainfl.scenarios.sum;

import io.chainfl.agents.ledger.LedgerClient;
import io.chainfl.agents.ledger.LedgerNode;
import java.time.Duration;

import io.chainfl.agents.Entities;
import io.chainfl.agents.sum.SumAgentActor;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.scenarios.Clustering;
import io.chainfl.scenarios.ModelBuilder;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * SUM (Harris and Waggoner 2019): a contract hosts a model that anyone updates online by adding data; an
 * incentive mechanism accepts each addData with its payment, a data handler records it on the ledger, and the
 * model learns from it. Time-driven: agents act at their own rates as tasks on the run's virtual clock, and one
 * metrics row is reported per virtual day (round = day, 0 = after the initial training).
 */
public final class SumScenario implements Scenario<SumParams> {
    static final long DAY_MS = 86_400_000L;
    /** How long the clock's thread waits for the ledger service: generous, as a batch on a dev node mines blocks. */
    private static final Duration LEDGER_TIMEOUT = Duration.ofMinutes(10);
    /** The metrics series, which is also the checkpoint's: its rounds are virtual days. */
    static final String SERIES = "sum";
    /** Tag kinds of SUM's tasks on the run's clock: the end of day {@code subject}, the turn of agent {@code subject}. */
    static final String END_OF_DAY = "sum/end_of_day";
    static final String ACT = "sum/act";

    @Override
    public String name() {
        return "sum";
    }

    static final Metric CONTRIBUTIONS = new Metric("contributions", "samples", "data points the agents contributed so far");
    /** Unlike the round-based protocols' per-round ledger_txs, SUM reports the ledger's running total. */
    static final Metric LEDGER_TXS_SO_FAR = new Metric("ledger_txs", "transactions", "transactions on the ledger so far");

    @Override
    public String description() {
        return "SUM: a shared model updated online by agents, with deposit/refund/take, a prediction market or gamification (Harris & Waggoner 2019)";
    }

    @Override
    public Class<SumParams> paramsType() {
        return SumParams.class;
    }

    @Override
    public List<Metric> metrics() {
        return metrics(new SumParams(null, null, null, null, null, null, null, null, null, null));
    }

    @Override
    public int reportedRounds(RunConfig config, SumParams params) {
        return params.days() + 1; // day 0 and every day after it
    }

    @Override
    public List<Metric> metrics(SumParams params) {
        List<Metric> metrics = new ArrayList<>(List.of(CONTRIBUTIONS));
        metrics.addAll(IncentiveMechanism.metrics(params));
        metrics.add(LEDGER_TXS_SO_FAR);
        return metrics;
    }

    /** With a devices section, the day's device work and backlog too (runs without one keep their columns). */
    @Override
    public List<Metric> metrics(RunConfig config) {
        List<Metric> metrics = new ArrayList<>(metrics(paramsType().cast(config.scenario())));
        if (config.devices() != null) {
            metrics.addAll(SumDeviceTime.METRICS);
        }
        return metrics;
    }

    /** Each agent's transactions on its own device, the contract's execution on the chain's (see {@link SumDeviceTime}). */
    @Override
    public boolean modelsDevices() {
        return true;
    }

    /**
     * The model, contract, mechanism and books stay on the driver, where the clock runs on a thread of its own and
     * asks each agent's entity for its decision at its turn; the entities may live on any member.
     */
    @Override
    public void run(ScenarioContext context, SumParams params) {
        RunConfig config = context.config();
        // the mechanism and data handler reach the ledger service through this client, connected once the system runs
        LedgerClient ledger = new LedgerClient(LEDGER_TIMEOUT);
        SumRun run = new SumRun(context, params, ledger);
        // no message carries a model; the frame size only has to agree with the nodes', which derive it the same way
        long modelParams = ModelBuilder.build(config, context.data().test(), context.seeds()).numParams();
        context.deployment().run(config.name(), config.runtime().effectiveThreads(), modelParams, agents(params), (ctx, entities, done) -> {
            ledger.connect(ctx.spawn(LedgerNode.create(context.ledger()), "ledger", LedgerNode.dispatcher()), ctx.getSystem());
            AgentTurns turns = new AgentTurns(entities.of(SumAgentActor.KIND), ctx.getSystem().scheduler(), done, run::logLoss);
            Thread clockThread = new Thread(() -> {
                try {
                    run.execute(turns);
                    done.complete(null);
                } catch (Throwable failure) {
                    done.completeExceptionally(failure);
                }
            }, "sum-clock");
            // a run that failed elsewhere must not be kept alive by a clock still waiting for an answer
            clockThread.setDaemon(true);
            clockThread.start();
            return turns::lost;
        });
    }

    /**
     * An agent entity keeps nothing between turns (its generator state travels in the question and the answer), so
     * any member can host any agent, and passivating or re-creating one changes no draw.
     */
    @Override
    public Clustering clustering() {
        return new Clustering.Supported(inputs -> agents(paramsType().cast(inputs.config().scenario())));
    }

    /** How every JVM of a run builds SUM agent {@code id}: from its configured character alone. */
    static Entities agents(SumParams params) {
        List<Integer> ids = IntStream.range(0, params.agents().size()).boxed().toList();
        return Entities.of(SumAgentActor.KIND, ids, id -> SumAgentActor.create(new SumAgentDecisions(params.agents().get(id))));
    }
}
