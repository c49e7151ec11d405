package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.learning.data.FederatedData;
import io.chainfl.learning.data.RunInputs;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.Ledgers;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.seed.SeedStreams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DeepChain on small configs (real digits, softmax, 4 parties). Keys are 512 bits for speed: deposits, solo
 * baselines and the precision of packed fixed point do not depend on the modulus size (the slot layout does not
 * change with it, only how many slots fit in one ciphertext).
 */
class DeepChainScenarioTest {
    private static final String[] SMALL = {"rounds=4", "participants=4", "scenario.key_bits=512", "scenario.solo_baseline=true"};

    private record Outcome(List<RoundMetrics> rounds, List<RunEvent> events, Ledger ledger) {}

    private static Outcome run(String... more) {
        String[] all = java.util.Arrays.copyOf(SMALL, SMALL.length + more.length);
        System.arraycopy(more, 0, all, SMALL.length, more.length);
        RunConfig config = ScenarioRunner.load("deepchain-overhead.yaml", all).withoutVariants();
        List<RoundMetrics> rounds = new ArrayList<>();
        List<RunEvent> events = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onRound(RoundMetrics metrics) {
                rounds.add(metrics);
            }

            @Override
            public void onEvent(RunEvent event) {
                events.add(event);
            }
        };
        RunInputs inputs = RunInputs.of(config);
        SeedStreams seeds = inputs.seeds();
        FederatedData data = inputs.data();
        Ledger ledger = Ledgers.create(config.ledger(), seeds);
        ScenarioRegistry.forParams(config.scenario()).runUnchecked(new ScenarioContext(config, data, seeds, ledger, listener), config.scenario());
        assertTrue(ledger.verifyChain(), "chain verifies");
        return new Outcome(rounds, events, ledger);
    }

    @Test
    void everyPartyBeatsItsSoloBaselineAndEncryptionMatchesPlainFedAvg() {
        Outcome encrypted = run("ledger.type=simulated", "scenario.encryption=true");
        Outcome plain = run("ledger.type=none", "scenario.encryption=false", "scenario.solo_baseline=false");
        double withEncryption = ScenarioRunner.finalAccuracy(encrypted.rounds());
        double plainFedAvg = ScenarioRunner.finalAccuracy(plain.rounds());
        assertTrue(Math.abs(withEncryption - plainFedAvg) <= 0.005, "encrypted " + withEncryption + " vs plain FedAvg " + plainFedAvg);
        RoundMetrics last = encrypted.rounds().get(encrypted.rounds().size() - 1);
        assertTrue(withEncryption > last.extra().get("solo_max"), "collaborative " + withEncryption + " vs best solo " + last.extra().get("solo_max"));
        List<RunEvent> solo = encrypted.events().stream().filter(e -> e.kind().equals("solo_baseline")).toList();
        assertEquals(4, solo.size());
        solo.forEach(e -> assertTrue(e.detail().contains("gain +"), e.subject() + ": " + e.detail()));
        assertEquals(0.0, plain.rounds().get(0).extra().get("ledger_txs"), "plain FL posts nothing");
    }

    @Test
    void garbageAndSilentPartiesForfeitTheirDepositsToTheHonestAndMoneyIsConserved() {
        Outcome run = run("rounds=2", "scenario.solo_baseline=false", "scenario.garbage_parties=[1]", "scenario.silent_parties=[2]",
                "scenario.workers=4", "scenario.wrong_aggregate_workers=[0]", "scenario.lazy_workers=[3]");
        var escrow = run.ledger().escrow();
        assertEquals(0, escrow.balanceOf("party-1"), "garbage ciphertexts forfeit the deposit");
        assertEquals(0, escrow.balanceOf("party-2"), "silence forfeits the deposit");
        assertEquals(2000, escrow.balanceOf("party-0"), "refund plus half of each forfeit");
        assertEquals(2000, escrow.balanceOf("party-3"));
        long total = escrow.escrowed();
        for (int p = 0; p < 4; p++) {
            total += escrow.balanceOf("party-" + p);
        }
        for (int w = 0; w < 4; w++) {
            total += escrow.balanceOf("worker-" + w);
        }
        assertEquals(8 * 1000, total, "money conserved: 4 parties and 4 workers minted 1000 each");
        assertEquals(0, escrow.escrowed(), "every deposit settled at the end");
        assertEquals(2.0, run.rounds().get(0).extra().get("accepted_updates"));
        assertTrue(run.rounds().stream().allMatch(m -> m.accuracy() > 0.5), "training goes on with the honest parties");
        List<String> forfeited = run.events().stream().filter(e -> e.kind().equals("forfeit")).map(RunEvent::subject).toList();
        assertTrue(forfeited.containsAll(List.of("party-1", "party-2")), forfeited.toString());
        assertTrue(forfeited.stream().noneMatch(s -> s.equals("worker-1") || s.equals("worker-2")), "honest workers keep their deposits: " + forfeited);
    }
}
