package io.chainfl.scenarios.baseline;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.engine.kernel.VirtualClock;
import io.chainfl.engine.kernel.VirtualTime;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.metrics.TimingRecord;
import io.chainfl.learning.model.EvalResult;
import io.chainfl.learning.model.Evaluation;
import io.chainfl.learning.model.LocalTrainer;
import io.chainfl.learning.model.Model;
import io.chainfl.learning.model.TrainResult;
import io.chainfl.scenarios.ModelBuilder;
import io.chainfl.scenarios.ModelState;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioContext;
import io.chainfl.engine.metrics.Metric;
import java.util.List;

/**
 * The reference every study plots against: the same model, initialisation and training settings, trained on
 * the union of all participants' training data. One round is {@code local_epochs} passes over that union, so
 * a round sees the same number of samples as a round of federated training with every participant.
 */
public final class CentralizedScenario implements Scenario<CentralizedParams> {
    public static final String SERIES = "centralized";
    /** The tag kind of a baseline round on the run's clock; its subject is the round. */
    static final String ROUND = "centralized/round";

    @Override
    public String name() {
        return "centralized";
    }

    @Override
    public String description() {
        return "centralized training on the union of the participants' data (the baseline)";
    }

    @Override
    public Class<CentralizedParams> paramsType() {
        return CentralizedParams.class;
    }

    @Override
    public List<Metric> metrics() {
        return List.of();
    }

    @Override
    public String series() {
        return SERIES;
    }

    @Override
    public void run(ScenarioContext context, CentralizedParams params) {
        new Rounds(context, params).run();
    }

    /**
     * The rounds as tasks on the run's clock, after the scenario's (tag {@value #ROUND}, round); they post nothing
     * to the ledger, so they take no virtual time.
     */
    private static final class Rounds {
        private final ScenarioContext context;
        private final CentralizedParams params;
        private final RunConfig config;
        private final VirtualClock clock;
        private final Dataset union;
        private final Dataset test;
        private final Model model;

        Rounds(ScenarioContext context, CentralizedParams params) {
            this.context = context;
            this.params = params;
            this.config = context.config();
            this.clock = context.clock();
            this.union = Dataset.concat("union", context.data().participants().stream().map(ParticipantData::train).toList());
            this.test = context.data().test();
            this.model = ModelBuilder.build(config, test, context.seeds());
        }

        void run() {
            context.checkpoints().resume(SERIES).ifPresent(r -> ModelState.restore(r.state(), "model", model));
            if (!clock.restoredUnbound().isEmpty()) {
                clock.bindRestored(tag -> {
                    if (!tag.kind().equals(ROUND)) {
                        throw new IllegalStateException("the checkpoint's clock holds " + tag + ", which the centralized baseline does not run");
                    }
                    return task((int) tag.subject());
                });
            } else {
                int first = context.checkpoints().firstRound(SERIES);
                if (first <= config.rounds()) {
                    clock.schedule(clock.nowMillis(), new VirtualClock.Tag(ROUND, first), task(first));
                }
            }
            while (clock.runNext()) {
                // each round schedules the next
            }
        }

        private Runnable task(int round) {
            return () -> {
                Stopwatch trainClock = Stopwatch.start();
                TrainResult trained = LocalTrainer.train(model, union, config.training(), context.seeds().stream("centralized", "round", round, "shuffle"));
                context.listener().onTiming(new TimingRecord(SERIES, round, "train", trainClock.elapsedMillis()));
                Stopwatch evalClock = Stopwatch.start();
                EvalResult eval = Evaluation.evaluate(model, test, params.evalBatchSize());
                context.listener().onTiming(new TimingRecord(SERIES, round, "evaluate", evalClock.elapsedMillis()));
                // its rounds take no virtual time: the clock stays where the scenario left it
                context.listener().onRound(new RoundMetrics(SERIES, round, eval.accuracy(), eval.meanLoss(), eval.macroF1(), trained.meanLoss(),
                        new java.util.TreeMap<>(java.util.Map.of(VirtualTime.COLUMN, VirtualTime.seconds(clock.nowMillis())))));
                if (round < config.rounds()) {
                    // on the clock before the checkpoint, which then holds the next round as a pending task
                    clock.schedule(clock.nowMillis(), new VirtualClock.Tag(ROUND, round + 1), task(round + 1));
                }
                context.checkpoints().roundDone(SERIES, round, out -> ModelState.save(out, "model", model));
            };
        }
    }
}
