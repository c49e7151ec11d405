package io.chainfl.scenarios.sum;

import io.chainfl.engine.data.Dataset;
import io.chainfl.engine.ledger.Escrow;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.model.Evaluation;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SUM (Harris and Waggoner 2019): a contract hosts a model that anyone updates online by adding data; an
 * incentive mechanism accepts each addData with its payment, a data handler records it on the ledger, and the
 * model learns from it. Time-driven: agents act at their own rates on a virtual-time task queue, and one
 * metrics row is reported per virtual day (round = day, 0 = after the initial training).
 */
public final class SumScenario implements Scenario<SumParams> {
    static final long DAY_MS = 86_400_000L;

    @Override
    public String name() {
        return "sum";
    }

    @Override
    public String description() {
        return "SUM: a shared model updated online by agents, with deposit/refund/take, a prediction market or gamification (Harris & Waggoner 2019)";
    }

    @Override
    public Class<SumParams> paramsType() {
        return SumParams.class;
    }

    @Override
    public List<String> metricColumns() {
        return metricColumns(new SumParams(null, null, null, null, null, null, null, null, null, null));
    }

    @Override
    public int reportedRounds(io.chainfl.engine.config.RunConfig config, SumParams params) {
        return params.days() + 1; // day 0 and every day after it
    }

    @Override
    public List<String> metricColumns(SumParams params) {
        List<String> columns = new ArrayList<>(List.of("contributions"));
        columns.addAll(IncentiveMechanism.columns(params));
        columns.add("ledger_txs");
        return columns;
    }

    @Override
    public void run(ScenarioContext context, SumParams params) {
        new Run(context, params).execute();
    }

    /** One run's state: the clock, the hosted model, the data stream, the agents and the mechanism. */
    private static final class Run {
        private final ScenarioContext context;
        private final SumParams params;
        private final SeedStreams seeds;
        private final VirtualClock clock = new VirtualClock();
        private final List<SumAgent> agents = new ArrayList<>();
        private final Dataset pool;
        private final Dataset evaluation;
        private final INDArray evaluationFeatures;
        private final OnlineModel model;
        private final IncentiveMechanism mechanism;
        private final DataHandler dataHandler;
        private final long endMillis;
        private int[] streamOrder;
        private int streamPosition;
        private int streamPass;
        private long contributions;
        private double accuracy;
        private int day;

        Run(ScenarioContext context, SumParams params) {
            this.context = context;
            this.params = params;
            this.seeds = context.seeds();
            SumData data = SumData.build(params, context.data(), seeds);
            Dataset marketTest = null;
            Dataset test = data.test();
            if (params.incentive().type() == IncentiveParams.Type.PREDICTION_MARKET) {
                // the provider's committed test set D is kept apart from the split that measures accuracy
                int[] order = SumData.permutation(test.size(), seeds.stream("sum/market/test"));
                int size = Math.min(params.incentive().market().testSetSize(), test.size() / 2);
                marketTest = test.subset(java.util.Arrays.copyOfRange(order, 0, size), "sum-market-test");
                test = test.subset(java.util.Arrays.copyOfRange(order, size, order.length), "sum-eval");
            }
            this.pool = data.pool();
            this.evaluation = test;
            this.evaluationFeatures = SumData.matrix(test);
            this.model = OnlineModel.create(params, data.initial().numFeatures(), seeds);
            trainInitially(data.initial());
            this.endMillis = params.days() * DAY_MS;
            for (int i = 0; i < params.agents().size(); i++) {
                agents.add(new SumAgent(params.agents().get(i), i, seeds));
            }
            IncentiveMechanism.Context mechanismContext = new IncentiveMechanism.Context(context.ledger(), List.copyOf(agents), () -> model, context.listener(), () -> day);
            SumData mechanismData = new SumData(data.initial(), pool, marketTest == null ? test : marketTest);
            this.mechanism = IncentiveMechanism.create(params, mechanismContext, mechanismData, model, endMillis, seeds);
            this.dataHandler = new DataHandler(context.ledger().bulletinBoard());
            this.streamOrder = SumData.permutation(pool.size(), seeds.stream("sum/data/pass", 0));
        }

        private void trainInitially(Dataset initial) {
            for (int epoch = 0; epoch < params.initialEpochs(); epoch++) {
                for (int row : SumData.permutation(initial.size(), seeds.stream("sum/model/initial", epoch))) {
                    model.update(SumData.row(initial, row), initial.labels()[row]);
                }
            }
        }

        void execute() {
            mechanism.open(0);
            report();
            for (int d = 1; d <= params.days(); d++) {
                int dayNumber = d;
                clock.schedule(d * DAY_MS, () -> endOfDay(dayNumber));
            }
            for (SumAgent agent : agents) {
                clock.schedule(agent.nextWaitMillis(), () -> act(agent));
            }
            clock.runUntil(endMillis, params.auditEveryStep() ? this::audit : () -> {});
        }

        private void act(SumAgent agent) {
            long now = clock.nowMillis();
            if (!mechanism.active(agent)) {
                return;
            }
            if (hasData()) {
                int row = streamOrder[streamPosition];
                int label = agent.label(pool.labels()[row]);
                if (agent.wantsToContribute(accuracy)) {
                    IncentiveMechanism.Admission admission = mechanism.admit(agent, agent.nextOffer(), now);
                    if (admission.accepted()) {
                        float[] x = SumData.row(pool, row);
                        Contribution c = new Contribution(contributions++, agent, now, x, label, admission.depositId(), admission.amount());
                        dataHandler.record(c);
                        model.update(x, label);
                        mechanism.added(c);
                        streamPosition++;
                    }
                }
            }
            mechanism.onTurn(agent, now);
            if (mechanism.active(agent)) {
                clock.schedule(now + agent.nextWaitMillis(), () -> act(agent));
            }
        }

        /** Whether a sample is left; with recycling, a new pass over the pool starts in a fresh seeded order. */
        private boolean hasData() {
            if (streamPosition < streamOrder.length) {
                return true;
            }
            if (!params.recycleData()) {
                return false;
            }
            streamPass++;
            streamOrder = SumData.permutation(pool.size(), seeds.stream("sum/data/pass", streamPass));
            streamPosition = 0;
            return true;
        }

        private void endOfDay(int dayNumber) {
            day = dayNumber;
            if (dayNumber == params.days()) {
                mechanism.close(clock.nowMillis());
            }
            context.ledger().seal();
            report();
        }

        private void report() {
            int[] predicted = model.predictAll(evaluationFeatures);
            int[] truth = evaluation.labels();
            int[][] confusion = Evaluation.confusionMatrix(truth, predicted, 2);
            accuracy = Evaluation.accuracy(confusion);
            TreeMap<String, Double> extra = new TreeMap<>();
            extra.put("contributions", (double) contributions);
            mechanism.report(extra);
            extra.put("ledger_txs", (double) context.ledger().stats().transactions());
            context.listener().onRound(new RoundMetrics("sum", day, accuracy, Double.NaN, Evaluation.macroF1(confusion), Double.NaN, extra));
        }

        /** Money is conserved: balances plus escrow equal what was minted, after every event. */
        private void audit() {
            if (mechanism.minted() == 0) {
                return;
            }
            Escrow escrow = context.ledger().escrow();
            long total = escrow.escrowed();
            for (SumAgent a : agents) {
                total += escrow.balanceOf(a.name());
            }
            if (params.incentive().type() == IncentiveParams.Type.PREDICTION_MARKET) {
                total += escrow.balanceOf(params.incentive().market().provider());
            }
            if (total != mechanism.minted()) {
                throw new IllegalStateException("money not conserved at " + clock.nowMillis() + " ms: " + total + " != " + mechanism.minted());
            }
        }
    }
}
