package io.chainfl.scenarios.seccl;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.config.ScenarioParams;
import java.util.List;

/** SecCL (Zhang et al., IEEE Comm. Mag. 2020): trusted bulletin board plus a Borda election of candidates. */
public record SecclParams(
        @Doc("fraction of participants elected as candidates each round: M = round(lambda * n)") @Range(min = 0, max = 1, exclusiveMin = true) Double lambda,
        @Doc("fraction of parameter changes with the largest magnitude each participant uploads") @Range(min = 0, max = 1, exclusiveMin = true) Double shareFraction,
        @Doc("points for ranks 1..k of each ballot (empty: Borda, M, M-1, ..., 1)") @Range(min = 0) List<Long> scoringVector,
        @Doc("election (SecCL: aggregate only the elected candidates) or fedavg (aggregate every upload, no election)") Aggregator aggregator,
        @Doc("evaluation batch size") @Range(min = 1, max = 1_000_000) Integer evalBatchSize) implements ScenarioParams {

    public enum Aggregator {
        @JsonProperty("election") ELECTION,
        @JsonProperty("fedavg") FEDAVG
    }

    public SecclParams {
        lambda = lambda == null ? 0.2 : lambda;
        shareFraction = shareFraction == null ? 0.1 : shareFraction;
        scoringVector = scoringVector == null ? List.of() : List.copyOf(scoringVector);
        aggregator = aggregator == null ? Aggregator.ELECTION : aggregator;
        evalBatchSize = evalBatchSize == null ? 512 : evalBatchSize;
    }

    public int winners(int participants) {
        return Math.max(1, (int) Math.round(lambda * participants));
    }

    /** Local DP only: every participant noises its own update before it leaves (central DP would need the server to see the plain uploads' sum). */
    @Override
    public java.util.Set<io.chainfl.engine.config.PrivacyMode> privacyModes() {
        return java.util.Set.of(io.chainfl.engine.config.PrivacyMode.LOCAL);
    }
}
