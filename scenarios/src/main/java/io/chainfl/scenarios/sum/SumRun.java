package io.chainfl.scenarios.sum;

import static io.chainfl.scenarios.sum.SumScenario.ACT;
import static io.chainfl.scenarios.sum.SumScenario.CONTRIBUTIONS;
import static io.chainfl.scenarios.sum.SumScenario.DAY_MS;
import static io.chainfl.scenarios.sum.SumScenario.END_OF_DAY;
import static io.chainfl.scenarios.sum.SumScenario.LEDGER_TXS_SO_FAR;
import static io.chainfl.scenarios.sum.SumScenario.SERIES;

import io.chainfl.agents.sum.SumAgentActor.Decision;
import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.engine.kernel.VirtualClock;
import io.chainfl.engine.kernel.VirtualTime;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.Evaluation;
import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.agents.ledger.LedgerClient;
import io.chainfl.scenarios.ScenarioContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One SUM run's state on the driver: the clock, the hosted model, the data stream, the agents' records and the
 * mechanism. The agents' decisions come from their entities through {@link AgentTurns}; everything they change
 * (model, contract, books) is changed here, on the clock's thread, in clock order. (Over 300 lines: a turn's changes,
 * their device cost and the checkpoint state that holds both are one sequence on one clock, read best together.)
 */
final class SumRun {
    private final ScenarioContext context;
    /** The ledger service, as the clock's thread reaches it: SUM never calls the ledger object itself. */
    private final LedgerClient ledger;
    private final SumParams params;
    private final SeedStreams seeds;
    private final VirtualClock clock;
    /** The clock's time when SUM started: SUM's own time (deposits, refunds, days) counts from it. */
    private long originMillis;
    private final List<SumAgent> agents = new ArrayList<>();
    private final Dataset pool;
    private final Dataset evaluation;
    private final float[] evaluationFeatures;
    private final OnlineModel model;
    private final IncentiveMechanism mechanism;
    private final DataHandler dataHandler;
    /** The agents' devices, or null without a {@code devices} section (turns then take no time, as before devices). */
    private final SumDeviceTime devices;
    private final int features;
    private final long endMillis;
    private AgentTurns turns;
    private int[] streamOrder;
    private int streamPosition;
    private int streamPass;
    private long contributions;
    private double accuracy;
    private int day;

    /** @param ledger the client of the run's ledger service (connected once the actor system runs, before {@link #execute}) */
    SumRun(ScenarioContext context, SumParams params, LedgerClient ledger) {
        this.context = context;
        this.ledger = ledger;
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
            marketTest = test.subset(Arrays.copyOfRange(order, 0, size), "sum-market-test");
            test = test.subset(Arrays.copyOfRange(order, size, order.length), "sum-eval");
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
        IncentiveMechanism.Context mechanismContext = new IncentiveMechanism.Context(ledger, List.copyOf(agents), () -> model, context.listener(), () -> day);
        SumData mechanismData = new SumData(data.initial(), pool, marketTest == null ? test : marketTest);
        this.mechanism = IncentiveMechanism.create(params, mechanismContext, mechanismData, model, endMillis, seeds);
        this.dataHandler = new DataHandler(ledger);
        this.features = data.initial().numFeatures();
        this.devices = context.config().devices() == null ? null : SumDeviceTime.of(context.config(), params, features, seeds);
        this.streamOrder = SumData.permutation(pool.size(), seeds.stream("sum/data/pass", 0));
    }

    private void trainInitially(Dataset initial) {
        for (int epoch = 0; epoch < params.initialEpochs(); epoch++) {
            for (int row : SumData.permutation(initial.size(), seeds.stream("sum/model/initial", epoch))) {
                model.update(SumData.row(initial, row), initial.labels()[row]);
            }
        }
    }

    /** Runs every day on the clock's thread (it waits for the agents' answers, which must never block an actor). */
    void execute(AgentTurns agentTurns) {
        this.turns = agentTurns;
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
                // before its first turn an agent only draws when to act; without a sample it draws nothing else
                turns.ask(agent.order, agent.draws(), false, 0, accuracy).ifPresent(first -> {
                    agent.advance(first.afterWait());
                    scheduleTurn(agent, 0, first.waitMillis());
                });
            }
        }
        clock.runUntil(originMillis + endMillis, params.auditEveryStep() ? this::audit : () -> {});
        // a turn after the last day's end may have left calls waiting: what comes after SUM reads the ledger itself
        ledger.flush();
        // turns due after the last day stay on the clock; what runs after SUM on it must not see them
        clock.cancel(tag -> tag.kind().equals(ACT));
    }

    /** An agent lost with its cluster member, as the clock took it in: logged on the day in progress. */
    void logLoss(int agent, boolean dropped, String detail) {
        context.listener().onEvent(new RunEvent(day, dropped ? "agent_dropped" : "agent_reassigned", agents.get(agent).name(), detail));
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

    private void scheduleTurn(SumAgent agent, long now, long waitMillis) {
        VirtualClock.Tag tag = new VirtualClock.Tag(ACT, agent.order);
        clock.schedule(originMillis + now + waitMillis, tag, task(tag));
    }

    private void act(SumAgent agent) {
        long now = now();
        if (turns.dropped(agent.order) || !mechanism.active(agent)) {
            return;
        }
        boolean sample = hasData();
        int row = sample ? streamOrder[streamPosition] : -1;
        Optional<Decision> asked = turns.ask(agent.order, agent.draws(), sample, sample ? pool.labels()[row] : 0, accuracy);
        if (asked.isEmpty()) {
            return; // dropped with its member while it was asked: it acts no more
        }
        Decision decision = asked.get();
        int contributed = 0;
        long claimsBefore = mechanism.claims();
        if (sample && decision.contributes()) {
            IncentiveMechanism.Admission admission = mechanism.admit(agent, decision.offer(), now);
            if (admission.accepted()) {
                float[] x = SumData.row(pool, row);
                Contribution c = new Contribution(contributions++, agent, now, row, x, decision.label(), admission.depositId(), admission.amount());
                dataHandler.record(c);
                model.update(x, decision.label());
                mechanism.added(c);
                streamPosition++;
                contributed = 1;
            }
        }
        mechanism.onTurn(agent, now);
        if (devices != null) {
            devices.turn(agent.order, now, features, contributed, mechanism.claims() - claimsBefore);
        }
        if (mechanism.active(agent)) {
            agent.advance(decision.afterWait());
            scheduleTurn(agent, now, decision.waitMillis());
        } else {
            // retired this turn: it never drew its wait
            agent.advance(decision.afterDecision());
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
        ledger.seal();
        report();
        if (devices != null) {
            devices.startDay();
        }
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
        if (devices != null) {
            out.bytes("sum/devices", SumBooks.encode(devices::save));
        }
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
        if (devices != null) {
            SumBooks.decode(section(in, "sum/devices"), devices::restore);
        }
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
        extra.put(LEDGER_TXS_SO_FAR.name(), (double) ledger.stats().transactions());
        long virtualMillis = context.clock().nowMillis();
        if (devices != null) {
            // the day ends on the clock or when the last transaction sent so far lands, whichever is later
            long backlog = devices.backlogMillis(now());
            extra.put(SumDeviceTime.DEVICE_MS.name(), (double) devices.dayMillis());
            extra.put(SumDeviceTime.DEVICE_BUSIEST_MS.name(), (double) devices.dayBusiestMillis());
            extra.put(SumDeviceTime.DEVICE_BACKLOG_MS.name(), (double) backlog);
            virtualMillis += backlog;
        }
        extra.put(VirtualTime.COLUMN, VirtualTime.seconds(virtualMillis));
        context.listener().onRound(new RoundMetrics(SERIES, day, accuracy, Double.NaN, Evaluation.macroF1(confusion), Double.NaN, extra));
    }

    /** Money is conserved: balances plus escrow equal what was minted, after every event. */
    private void audit() {
        if (mechanism.minted() == 0) {
            return;
        }
        // one message for every view the audit needs
        List<ContractCall> views = new ArrayList<>(List.of(new ContractCall.Escrowed()));
        for (SumAgent a : agents) {
            views.add(new ContractCall.BalanceOf(a.name()));
        }
        if (params.incentive().type() == IncentiveParams.Type.PREDICTION_MARKET) {
            views.add(new ContractCall.BalanceOf(params.incentive().market().provider()));
        }
        long total = ledger.askAll(views).stream().mapToLong(LedgerClient::value).sum();
        if (total != mechanism.minted()) {
            throw new IllegalStateException("money not conserved at " + now() + " ms: " + total + " != " + mechanism.minted());
        }
    }
}
