package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.kernel.VirtualTime;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.learning.data.FederatedData;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.data.RunInputs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SecCL rounds on devices: with blocks that take no time, a round lasts the slowest upload phase plus the slowest
 * scoring phase, computed here by hand from the phone preset's published figures (10 GFLOP/s, 9 Mbit/s up, 30 Mbit/s
 * down, 50 ms) and the softmax model's size (784 x 10 weights + 10 biases).
 */
class SecclDeviceTimeTest {
    private static final String[] SMALL = {"participants=4", "rounds=2", "model.type=softmax", "data.limit=1000", "baseline.centralized=false",
        "scenario={type: seccl, lambda: 0.5}", "ledger.simulated.consensus.type=instant", "devices={default_preset: phone}"};

    private static RunConfig config(String... more) {
        List<String> overrides = new ArrayList<>(List.of(SMALL));
        overrides.addAll(List.of(more));
        return ScenarioRunner.load("quickstart.yaml", overrides.toArray(String[]::new));
    }

    private static long ceilMillis(double seconds) {
        return (long) Math.ceil(seconds * 1000.0);
    }

    /** One phone's two phases, by hand. */
    private static long[] phoneMillis(ParticipantData p, int participants, double slowdown) {
        double flops = 10e9 / slowdown;
        double up = 9e6 / 8 / slowdown;
        double down = 30e6 / 8 / slowdown;
        double latency = 50 * slowdown / 1000.0;
        long params = 784 * 10 + 10;
        long modelBytes = params * 4;
        long forwardPerSample = 2L * 784 * 10;
        long entries = (long) Math.ceil(0.1 * params); // quickstart's share_fraction default 0.1
        long uploadBytes = 4 + entries * 8;
        long ballotBytes = 4 + (participants - 1) * 12L;
        long train = ceilMillis(latency + modelBytes / down) + ceilMillis(3.0 * forwardPerSample * p.train().size() * 2 / flops)
                + ceilMillis(latency + uploadBytes / up);
        long score = ceilMillis(latency + (participants - 1) * uploadBytes / down)
                + ceilMillis((double) forwardPerSample * p.validation().size() * (participants - 1) / flops) + ceilMillis(latency + ballotBytes / up);
        return new long[] {train, score};
    }

    @Test
    void aRoundLastsTheSlowestUploadPhasePlusTheSlowestScoringPhase() {
        RunConfig config = config();
        assertEquals(0.1, ((io.chainfl.scenarios.seccl.SecclParams) config.scenario()).shareFraction(), "the hand computation assumes it");
        assertEquals(2, config.training().localEpochs(), "the hand computation assumes it");
        FederatedData data = RunInputs.of(config).data();
        long slowestUpload = 0;
        long slowestScoring = 0;
        for (ParticipantData p : data.participants()) {
            long[] phases = phoneMillis(p, 4, 1);
            slowestUpload = Math.max(slowestUpload, phases[0]);
            slowestScoring = Math.max(slowestScoring, phases[1]);
        }
        List<RoundMetrics> rounds = ScenarioRunner.run(config);
        double expected = VirtualTime.seconds(slowestUpload + slowestScoring);
        assertTrue(expected > 0.2, "phones take visible time: " + expected);
        assertEquals(expected, rounds.get(0).extra().get(VirtualTime.COLUMN), 1e-9);
        assertEquals(2 * expected, rounds.get(1).extra().get(VirtualTime.COLUMN), 1e-9, "every round costs the same");

        List<RoundMetrics> without = ScenarioRunner.run(config("devices=null"));
        assertEquals(0.0, without.get(1).extra().get(VirtualTime.COLUMN), "no devices, instant blocks: no time");
        assertEquals(rounds.get(1).accuracy(), without.get(1).accuracy(), "devices change time, not learning");
    }

    @Test
    void oneSlowPhoneSetsThePaceOfBothPhases() {
        RunConfig config = config("devices.assign=[{preset: phone, ids: [2, 2], slowdown: 10}]");
        FederatedData data = RunInputs.of(config).data();
        long upload = 0;
        long scoring = 0;
        for (ParticipantData p : data.participants()) {
            long[] phases = phoneMillis(p, 4, p.participantId() == 2 ? 10 : 1);
            upload = Math.max(upload, phases[0]);
            scoring = Math.max(scoring, phases[1]);
        }
        long[] slow = phoneMillis(data.participants().get(2), 4, 10);
        assertEquals(slow[0] + slow[1], upload + scoring, "participant 2 is the slowest in both phases");
        assertEquals(VirtualTime.seconds(upload + scoring), ScenarioRunner.run(config).get(0).extra().get(VirtualTime.COLUMN), 1e-9);
    }

    @Test
    void dropoutIsRefusedBecauseARoundWaitsForEveryBallot() {
        UserError e = assertThrows(UserError.class, () -> ScenarioRunner.run(config("devices.assign=[{preset: phone, ids: [1, 1], dropout: 0.2}]")));
        assertTrue(e.getMessage().startsWith("devices: participant 1 has dropout 0.2, but a seccl round waits for every ballot"), e.getMessage());
    }
}
