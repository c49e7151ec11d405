package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.adversary.PropertyInference;
import io.chainfl.engine.metrics.RoundMetrics;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The passive property-inference adversary on configs/property-inference.yaml, shortened to 6 rounds: it infers,
 * from the other participants' updates, which of them hold class 0 (at least 5% of their samples), and must do
 * clearly better than chance without changing anything about the run.
 */
class PropertyInferenceScenarioTest {
    private static final String SPY = "{type: property_inference, ids: [0], property_class: 0, min_share: 0.05, shared_fraction: %s}";

    private static List<RoundMetrics> run(String adversaries) {
        return ScenarioRunner.run(ScenarioRunner.load("property-inference.yaml", "rounds=6", "variants=[]", "adversaries=" + adversaries));
    }

    private static double meanAuc(List<RoundMetrics> rounds) {
        return rounds.stream().mapToDouble(r -> r.extra().get(PropertyInference.AUC.name())).average().orElseThrow();
    }

    @Test
    void aucIsWellAboveChanceAndDoesNotFallAsMoreIsShared() {
        double tenth = meanAuc(run("[" + SPY.formatted(0.1) + "]"));
        double half = meanAuc(run("[" + SPY.formatted(0.5) + "]"));
        double all = meanAuc(run("[" + SPY.formatted(1.0) + "]"));
        System.out.printf("property inference mean AUC: 10%% %.4f, 50%% %.4f, 100%% %.4f%n", tenth, half, all);
        assertTrue(tenth > 0.7, "10% shared: " + tenth);
        assertTrue(half >= tenth - 0.02 && all >= half - 0.02, "AUC does not fall as more is shared: " + tenth + ", " + half + ", " + all);
    }

    @Test
    void thePassiveAdversaryChangesNothingButItsOwnColumns() {
        List<RoundMetrics> honest = run("[]");
        List<RoundMetrics> observed = run("[" + SPY.formatted(0.5) + "]");
        assertEquals(honest.size(), observed.size());
        for (int i = 0; i < honest.size(); i++) {
            RoundMetrics h = honest.get(i);
            RoundMetrics o = observed.get(i);
            TreeMap<String, Double> extra = new TreeMap<>(o.extra());
            assertEquals(0.5, extra.remove(PropertyInference.SHARED_FRACTION.name()));
            assertTrue(Double.isFinite(extra.remove(PropertyInference.AUC.name())), "an AUC every round");
            assertEquals(h, new RoundMetrics(o.series(), o.round(), o.accuracy(), o.loss(), o.macroF1(), o.trainLoss(), extra),
                    "round " + h.round() + " is the run without the adversary");
        }
    }
}
