package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.metrics.RoundMetrics;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FLTrust in the fedavg scenario, on the small attack task (configs/attack-small.yaml): the server trains on 100
 * root samples held out of the pool each round and weighs every client by ReLU(cosine) to its own change. Sign
 * flipping and scaling, which wreck plain averaging, must cost it little.
 */
class FLTrustScenarioTest {
    private static final String FLTRUST = "{type: fltrust, root_samples: 100}";
    private static double cleanFedAvg;
    private static double cleanFLTrust;

    private static List<RoundMetrics> run(String aggregator, String adversaries) {
        return ScenarioRunner.run(ScenarioRunner.load("attack-small.yaml", "scenario.aggregator=" + aggregator, "adversaries=" + adversaries));
    }

    private static double accuracy(String aggregator, String adversaries) {
        return ScenarioRunner.finalAccuracy(run(aggregator, adversaries));
    }

    @BeforeAll
    static void cleanRuns() {
        cleanFedAvg = accuracy("{type: fedavg}", "[]");
        cleanFLTrust = accuracy(FLTRUST, "[]");
        assertTrue(cleanFLTrust > cleanFedAvg - 0.05, "fltrust without attackers learns about as well as averaging: " + cleanFLTrust + " vs " + cleanFedAvg);
    }

    private static void limits(String adversaries, double averagingLoss) {
        double averaged = accuracy("{type: fedavg}", adversaries);
        double trusted = accuracy(FLTRUST, adversaries);
        assertTrue(averaged < cleanFedAvg - averagingLoss, adversaries + " costs fedavg more than " + averagingLoss + ": " + averaged + " vs " + cleanFedAvg);
        assertTrue(trusted > cleanFLTrust - 0.03, "fltrust keeps " + adversaries + " within 3 points of its clean run: " + trusted + " vs " + cleanFLTrust);
    }

    @Test
    void signFlipIsLimited() {
        limits("[{type: sign_flip, fraction: 0.2, scale: 4}]", 0.3);
    }

    @Test
    void scalingIsLimited() {
        limits("[{type: scaling, fraction: 0.2, factor: 20}]", 0.3);
    }

    @Test
    void deterministicPerSeed() {
        List<RoundMetrics> a = run(FLTRUST, "[{type: sign_flip, fraction: 0.2, scale: 4}]");
        List<RoundMetrics> b = run(FLTRUST, "[{type: sign_flip, fraction: 0.2, scale: 4}]");
        assertEquals(a, b);
    }
}
