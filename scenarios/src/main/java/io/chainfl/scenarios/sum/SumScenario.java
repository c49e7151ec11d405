package io.chainfl.scenarios.sum;

import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.learning.data.Dataset;
import io.chainfl.engine.kernel.VirtualClock;
import io.chainfl.ledger.Escrow;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.learning.model.Evaluation;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioContext;
import io.chainfl.engine.metrics.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SUM (Harris and Waggoner 2019): a contract hosts a model that anyone updates online by adding data; an
 * incentive mechanism accepts each addData with its payment, a data handler records it on the ledger, and the
 * model learns from it. Time-driven: agents act at their own rates as tasks on the run's virtual clock, and one
 * metrics row is reported per virtual day (round = day, 0 = after the initial training).
 */
public final class SumScenario implements Scenario<SumParams> {
    static final long DAY_MS = 86_400_000L;
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
    public int reportedRounds(io.chainfl.engine.config.RunConfig config, SumParams params) {
        return params.days() + 1; // day 0 and every day after it
    }

    @Override
    public List<Metric> metrics(SumParams params) {
        List<Metric> metrics = new ArrayList<>(List.of(CONTRIBUTIONS));
        metrics.addAll(IncentiveMechanism.metrics(params));
        metrics.add(LEDGER_TXS_SO_FAR);
        return metrics;
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
        private final VirtualClock clock;
        /** The clock's time when SUM started: SUM's own time (deposits, refunds, days) counts from it. */
        private long originMillis;
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
            this.clock = context.clock();
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
            var restored = context.checkpoints().resume(SERIES);
            if (restored.isPresent()) {
                restore(restored.get().round(), restored.get().state());
                // the run restored the clock's time and pending tags; SUM gives them their actions back
                clock.bindRestored(this::task);
            } else {
                originMillis = clock.nowMillis();
                mechanism.open(0);
                report();
                for (int d = 1; d <= params.days(); d++) {
                    VirtualClock.Tag endOfDay = new VirtualClock.Tag(END_OF_DAY, d);
                    clock.schedule(originMillis + d * DAY_MS, endOfDay, task(endOfDay));
                }
                for (SumAgent agent : agents) {
                    scheduleTurn(agent, 0);
                }
            }
            clock.runUntil(originMillis + endMillis, params.auditEveryStep() ? this::audit : () -> {});
            // turns due after the last day stay on the clock; what runs after SUM on it must not see them
            clock.cancel(tag -> tag.kind().equals(ACT));
        }

        /** SUM's own time: virtual milliseconds since it started. */
        private long now() {
            return clock.nowMillis() - originMillis;
        }

        /** What a task does, from its tag: how the queue is rebuilt from a checkpoint. */
        private Runnable task(VirtualClock.Tag tag) {
            int subject = Math.toIntExact(tag.subject());
            return switch (tag.kind()) {
                case END_OF_DAY -> () -> endOfDay(subject);
                case ACT -> () -> act(agents.get(subject));
                default -> throw new IllegalStateException("the checkpoint's clock holds " + tag + ", which is not a SUM task");
            };
        }

        private void scheduleTurn(SumAgent agent, long now) {
            VirtualClock.Tag tag = new VirtualClock.Tag(ACT, agent.order);
            clock.schedule(originMillis + now + agent.nextWaitMillis(), tag, task(tag));
        }

        private void act(SumAgent agent) {
            long now = now();
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
                        Contribution c = new Contribution(contributions++, agent, now, row, x, label, admission.depositId(), admission.amount());
                        dataHandler.record(c);
                        model.update(x, label);
                        mechanism.added(c);
                        streamPosition++;
                    }
                }
            }
            mechanism.onTurn(agent, now);
            if (mechanism.active(agent)) {
                scheduleTurn(agent, now);
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
                mechanism.close(now());
            }
            context.ledger().seal();
            report();
            // the queue now holds only tagged tasks (other turns, later days), so the state between days is data
            context.checkpoints().roundDone(SERIES, dayNumber, this::save);
        }

        private void save(Snapshot.Builder out) {
            model.save(out, "sum/model");
            for (SumAgent agent : agents) {
                out.longs("sum/agent/" + agent.order + "/random", agent.randomState());
            }
            out.bytes("sum/mechanism", SumBooks.encode(mechanism::save));
            out.bytes("sum/run", SumBooks.encode(o -> {
                o.writeLong(contributions);
                o.writeInt(streamPass);
                o.writeInt(streamPosition);
                o.writeDouble(accuracy);
                // the clock itself (time, pending turns and days) is the run's: every checkpoint holds it
                o.writeLong(originMillis);
            }));
        }

        /** Continues after day {@code savedDay}; the ledger (balances, deposits, records) was replayed by the run. */
        private void restore(int savedDay, Snapshot in) {
            day = savedDay;
            model.restore(in, "sum/model");
            for (SumAgent agent : agents) {
                agent.restoreRandom(in.longs("sum/agent/" + agent.order + "/random")
                        .orElseThrow(() -> new IllegalStateException("checkpoint has no random state for agent " + agent.name())));
            }
            SumBooks books = new SumBooks(List.copyOf(agents), pool);
            SumBooks.decode(section(in, "sum/mechanism"), i -> mechanism.restore(i, books));
            SumBooks.decode(section(in, "sum/run"), i -> {
                contributions = i.readLong();
                dataHandler.resumeAt(contributions);
                streamPass = i.readInt();
                streamOrder = SumData.permutation(pool.size(), seeds.stream("sum/data/pass", streamPass));
                streamPosition = i.readInt();
                accuracy = i.readDouble();
                originMillis = i.readLong();
            });
        }

        private static byte[] section(Snapshot in, String name) {
            return in.bytes(name).orElseThrow(() -> new IllegalStateException("checkpoint has no section '" + name + "'"));
        }

        private void report() {
            int[] predicted = model.predictAll(evaluationFeatures);
            int[] truth = evaluation.labels();
            int[][] confusion = Evaluation.confusionMatrix(truth, predicted, 2);
            accuracy = Evaluation.accuracy(confusion);
            TreeMap<String, Double> extra = new TreeMap<>();
            extra.put(CONTRIBUTIONS.name(), (double) contributions);
            mechanism.report(extra);
            extra.put(LEDGER_TXS_SO_FAR.name(), (double) context.ledger().stats().transactions());
            context.listener().onRound(new RoundMetrics(SERIES, day, accuracy, Double.NaN, Evaluation.macroF1(confusion), Double.NaN, extra));
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
                throw new IllegalStateException("money not conserved at " + now() + " ms: " + total + " != " + mechanism.minted());
            }
        }
    }
}
