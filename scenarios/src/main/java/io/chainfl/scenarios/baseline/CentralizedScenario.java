package io.chainfl.scenarios.baseline;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.data.Dataset;
import io.chainfl.engine.data.ParticipantData;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.metrics.TimingRecord;
import io.chainfl.engine.model.EvalResult;
import io.chainfl.engine.model.Evaluation;
import io.chainfl.engine.model.LocalTrainer;
import io.chainfl.engine.model.Model;
import io.chainfl.engine.model.TrainResult;
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
        RunConfig config = context.config();
        Dataset union = Dataset.concat("union", context.data().participants().stream().map(ParticipantData::train).toList());
        Dataset test = context.data().test();
        Model model = ModelBuilder.build(config, test, context.seeds());
        context.checkpoints().resume(SERIES).ifPresent(r -> ModelState.restore(r.state(), "model", model));
        for (int round = context.checkpoints().firstRound(SERIES); round <= config.rounds(); round++) {
            Stopwatch trainClock = Stopwatch.start();
            TrainResult trained = LocalTrainer.train(model, union, config.training(), context.seeds().stream("centralized", "round", round, "shuffle"));
            context.listener().onTiming(new TimingRecord(SERIES, round, "train", trainClock.elapsedMillis()));
            Stopwatch evalClock = Stopwatch.start();
            EvalResult eval = Evaluation.evaluate(model, test, params.evalBatchSize());
            context.listener().onTiming(new TimingRecord(SERIES, round, "evaluate", evalClock.elapsedMillis()));
            context.listener().onRound(new RoundMetrics(SERIES, round, eval.accuracy(), eval.meanLoss(), eval.macroF1(), trained.meanLoss()));
            context.checkpoints().roundDone(SERIES, round, out -> ModelState.save(out, "model", model));
        }
    }
}
