package io.chainfl.scenarios.sum;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainfl.engine.config.ConfigValidator.Violation;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.config.ScenarioParams;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * SUM (Sharing Updatable Models, Harris and Waggoner 2019): a model hosted by a contract and updated online,
 * one contribution at a time, by agents acting at their own rates over days of virtual time, with an
 * incentive mechanism that makes bad data expensive. Defaults replay the 0xDeCA10B reference simulation.
 */
public record SumParams(
        @Doc("incentive mechanism: deposit (deposit/refund/take), prediction_market or gamification, with its constants") IncentiveParams incentive,
        @Doc("the agents that add data (empty: the reference pair, one good and one bad agent)") List<SumAgentParams> agents,
        @Doc("virtual days simulated") @Range(min = 1, max = 100_000) Integer days,
        @Doc("the binary task the model learns: digits (real MNIST digits, two groups of classes) or csv_text (bag of words)") SumTaskParams task,
        @Doc("fraction of the training pool used to train the model before it goes online; the rest arrives over time") @Range(min = 0, max = 1, exclusiveMin = true) Double initialFraction,
        @Doc("when every sample has been contributed, start another pass over the pool in a new seeded order (false: agents stop)") Boolean recycleData,
        @Doc("the hosted online learner: perceptron or online_softmax") OnlineModelType model,
        @Doc("step size of online_softmax (the perceptron steps by the raw sample)") @Range(min = 0, exclusiveMin = true) Double learningRate,
        @Doc("epochs over the initial data for the initial training") @Range(min = 1, max = 1000) Integer initialEpochs,
        @Doc("check after every event that balances plus escrow equal the money minted (slow on a real node)") Boolean auditEveryStep) implements ScenarioParams {

    public enum OnlineModelType {
        @JsonProperty("perceptron") PERCEPTRON,
        @JsonProperty("online_softmax") ONLINE_SOFTMAX
    }

    public SumParams {
        incentive = incentive == null ? IncentiveParams.defaults() : incentive;
        agents = agents == null || agents.isEmpty() ? SumAgentParams.referencePair() : List.copyOf(agents);
        days = days == null ? 160 : days;
        task = task == null ? SumTaskParams.defaults() : task;
        initialFraction = initialFraction == null ? 0.08 : initialFraction;
        recycleData = recycleData == null ? Boolean.TRUE : recycleData;
        model = model == null ? OnlineModelType.PERCEPTRON : model;
        learningRate = learningRate == null ? 0.0005 : learningRate;
        initialEpochs = initialEpochs == null ? 100 : initialEpochs;
        auditEveryStep = auditEveryStep == null ? Boolean.FALSE : auditEveryStep;
    }

    /** csv_text reads its CSV when the run starts: a missing file is refused when the config is loaded instead. */
    @Override
    public Optional<Violation> check(RunConfig config) {
        if (task.type() != SumTaskParams.Type.CSV_TEXT) {
            return Optional.empty();
        }
        String problem;
        try {
            problem = task.path() == null || task.path().isBlank() ? "missing" : Files.isRegularFile(Path.of(task.path())) ? null
                    : "'" + task.path() + "' is not a file" + (Path.of(task.path()).isAbsolute() ? "" : " (relative to " + Path.of("").toAbsolutePath() + ")");
        } catch (InvalidPathException e) {
            problem = "'" + task.path() + "' is not a valid path";
        }
        return Optional.ofNullable(problem).map(p -> new Violation("/scenario/task/path", "scenario.task.path",
                p + "; csv_text needs the path of a CSV of text and label"));
    }
}
