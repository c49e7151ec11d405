package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.metrics.RoundMetrics;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Coalition attacks under SecCL (the small config of SecclScenarioTest: MLP, 10 participants, lambda 0.3, 12
 * rounds). The colluders craft from the benign uploads the board relayed to them in the previous round. The
 * election scores every upload on the voters' validation data, so an upload that hurts the model is not elected,
 * while averaging every upload takes it in.
 */
class SecclCoalitionTest {
    private static final String[] SMALL = {
        "participants=10", "rounds=12", "model.type=mlp", "training.lr=0.1", "data.limit=6000", "scenario={type: seccl, lambda: 0.3, share_fraction: 0.1}"
    };
    private static double clean;
    private static double cleanAveraged;

    private static List<RoundMetrics> run(String... more) {
        String[] all = java.util.Arrays.copyOf(SMALL, SMALL.length + more.length);
        System.arraycopy(more, 0, all, SMALL.length, more.length);
        return ScenarioRunner.run(ScenarioRunner.load("quickstart.yaml", all));
    }

    private static double total(List<RoundMetrics> rounds, String column) {
        return rounds.stream().mapToDouble(m -> m.extra().getOrDefault(column, 0.0)).sum();
    }

    @BeforeAll
    static void cleanRuns() {
        clean = ScenarioRunner.finalAccuracy(run());
        cleanAveraged = ScenarioRunner.finalAccuracy(run("scenario.aggregator=fedavg"));
    }

    @Test
    void aReversingCoalitionIsNotElectedWhileAveragingCollapses() {
        String ipm = "adversaries=[{type: ipm, fraction: 0.3, epsilon: 5}]";
        List<RoundMetrics> elected = run(ipm);
        double averaged = ScenarioRunner.finalAccuracy(run(ipm, "scenario.aggregator=fedavg"));
        assertTrue(averaged < cleanAveraged - 0.3, "averaging every upload falls to -5 x the benign mean: " + averaged + " vs " + cleanAveraged);
        assertTrue(ScenarioRunner.finalAccuracy(elected) > clean - 0.03, "the election keeps it within 3 points: " + ScenarioRunner.finalAccuracy(elected));
        assertTrue(total(elected, "elected_adversaries") <= 0.1 * total(elected, "elected"), "the colluders win at most a tenth of the seats");
    }

    @Test
    void alieWinsSeatsOnlyWithDishonestVotesAndCostsTheElectionLittle() {
        List<RoundMetrics> alone = run("adversaries=[{type: alie, fraction: 0.3}]");
        List<RoundMetrics> voting = run("adversaries=[{type: alie, fraction: 0.3}, {type: dishonest_vote, fraction: 0.3, start_round: 1}]");
        assertTrue(total(voting, "elected_adversaries") >= 2 * total(alone, "elected_adversaries"),
                "rigged ballots put the ALIE uploads into more seats: " + total(voting, "elected_adversaries") + " vs " + total(alone, "elected_adversaries"));
        assertTrue(ScenarioRunner.finalAccuracy(alone) > clean - 0.03, "ALIE alone: " + ScenarioRunner.finalAccuracy(alone));
        assertTrue(ScenarioRunner.finalAccuracy(voting) > clean - 0.03, "ALIE elected stays inside the benign spread: " + ScenarioRunner.finalAccuracy(voting));
    }

    @Test
    void collidersKnowOnlyWhatTheBoardRelayedLastRound() {
        // averaging every upload, so that any crafted upload shows in the accuracy
        List<RoundMetrics> honest = run("scenario.aggregator=fedavg");
        List<RoundMetrics> attacked = run("scenario.aggregator=fedavg", "adversaries=[{type: ipm, fraction: 0.3, epsilon: 5}]");
        assertEquals(honest.get(0).accuracy(), attacked.get(0).accuracy(), "round 1: no benign upload has been relayed yet, so the colluders upload honestly");
        assertEquals(honest.get(0).loss(), attacked.get(0).loss());
        assertNotEquals(honest.get(1).loss(), attacked.get(1).loss(), "round 2: they craft from round 1's relayed uploads");
        assertEquals(attacked, run("scenario.aggregator=fedavg", "adversaries=[{type: ipm, fraction: 0.3, epsilon: 5}]"), "deterministic per seed");
    }
}
