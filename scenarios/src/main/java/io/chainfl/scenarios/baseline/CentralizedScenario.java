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
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.data.FederatedData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

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
        new Rounds(context, params, null).run();
    }

    /** As {@link #run}, taking each round's training and evaluation from {@code ahead} (null: computes them here). */
    public void run(ScenarioContext context, CentralizedParams params, Ahead ahead) {
        new Rounds(context, params, ahead).run();
    }

    /**
     * Starts computing the baseline's rounds on a thread of their own, so that they use the core the scenario
     * leaves idle while it evaluates, aggregates, posts to the ledger and checkpoints, instead of running after it.
     * The computation is a function of the config, the data and the seeds alone (its own model, its own named
     * shuffle streams), so the results are the same bits as computing it in turn; {@link #run(ScenarioContext,
     * CentralizedParams, Ahead)} still records the rounds, moves the clock and writes the checkpoints in their place
     * after the scenario's, so every file comes out as before. Only fresh runs start it (a resumed run computes
     * its remaining rounds in turn, from the checkpoint's model).
     */
    public static Ahead startAhead(RunConfig config, FederatedData data, SeedStreams seeds, CentralizedParams params) {
        return new Ahead(config, data, seeds, params);
    }

    /** One baseline round computed ahead: the parameters after it (for the checkpoint) and what it records. */
    private record RoundOutcome(float[] params, TrainResult trained, EvalResult eval, double trainMillis, double evalMillis) {}

    /** The baseline's rounds being computed on their own daemon thread; {@link #close} stops it at the next round. */
    public static final class Ahead implements AutoCloseable {
        /** Index = round (0 unused); the run's thread drops each one it has taken, the computing thread only completes them. */
        private final CompletableFuture<?>[] rounds;
        private volatile boolean closed;

        private Ahead(RunConfig config, FederatedData data, SeedStreams seeds, CentralizedParams params) {
            this.rounds = new CompletableFuture<?>[config.rounds() + 1];
            for (int r = 1; r <= config.rounds(); r++) {
                rounds[r] = new CompletableFuture<RoundOutcome>();
            }
            Thread thread = new Thread(() -> compute(config, data, seeds, params), "centralized-baseline");
            // a daemon: a run that fails or is stopped must not wait for the baseline to finish its rounds
            thread.setDaemon(true);
            thread.start();
        }

        private void compute(RunConfig config, FederatedData data, SeedStreams seeds, CentralizedParams params) {
            int round = 1;
            try {
                Dataset union = Dataset.concat("union", data.participants().stream().map(ParticipantData::train).toList());
                Model model = ModelBuilder.build(config, data.test(), seeds);
                for (; round <= config.rounds() && !closed; round++) {
                    Stopwatch trainClock = Stopwatch.start();
                    TrainResult trained = LocalTrainer.train(model, union, config.training(), seeds.stream("centralized", "round", round, "shuffle"));
                    double trainMillis = trainClock.elapsedMillis();
                    Stopwatch evalClock = Stopwatch.start();
                    EvalResult eval = Evaluation.evaluate(model, data.test(), params.evalBatchSize());
                    future(round).complete(new RoundOutcome(model.params().clone(), trained, eval, trainMillis, evalClock.elapsedMillis()));
                }
            } catch (Throwable e) {
                // handed to the round that waits for it, which rethrows it on the run's thread
                for (int r = round; r <= config.rounds(); r++) {
                    future(r).completeExceptionally(e);
                }
            }
        }

        @SuppressWarnings("unchecked")
        private CompletableFuture<RoundOutcome> future(int round) {
            return (CompletableFuture<RoundOutcome>) rounds[round];
        }

        /** Waits for {@code round}'s outcome and lets go of it (only its parameters are held until then). */
        private RoundOutcome take(int round) {
            try {
                RoundOutcome outcome = future(round).get();
                rounds[round] = null;
                return outcome;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the centralized baseline's round " + round, e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void close() {
            closed = true;
        }
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
        /** The rounds computed ahead, or null: computed here, in turn. */
        private final Ahead ahead;

        Rounds(ScenarioContext context, CentralizedParams params, Ahead ahead) {
            this.context = context;
            this.params = params;
            this.config = context.config();
            this.clock = context.clock();
            this.ahead = ahead;
            // computed ahead, the union lives on the baseline's thread only: no second copy of the training data
            this.union = ahead != null ? null : Dataset.concat("union", context.data().participants().stream().map(ParticipantData::train).toList());
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
                TrainResult trained;
                EvalResult eval;
                if (ahead != null) {
                    RoundOutcome outcome = ahead.take(round);
                    // this model stands where the computed one stood after the round: what the checkpoint saves
                    model.setParams(outcome.params());
                    trained = outcome.trained();
                    eval = outcome.eval();
                    context.listener().onTiming(new TimingRecord(SERIES, round, "train", outcome.trainMillis()));
                    context.listener().onTiming(new TimingRecord(SERIES, round, "evaluate", outcome.evalMillis()));
                } else {
                    Stopwatch trainClock = Stopwatch.start();
                    trained = LocalTrainer.train(model, union, config.training(), context.seeds().stream("centralized", "round", round, "shuffle"));
                    context.listener().onTiming(new TimingRecord(SERIES, round, "train", trainClock.elapsedMillis()));
                    Stopwatch evalClock = Stopwatch.start();
                    eval = Evaluation.evaluate(model, test, params.evalBatchSize());
                    context.listener().onTiming(new TimingRecord(SERIES, round, "evaluate", evalClock.elapsedMillis()));
                }
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
