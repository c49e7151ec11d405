package io.chainfl.ledger.ethereum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.ledger.Election;
import io.chainfl.ledger.Escrow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gas the dev node charges per contract function, printed and written to target/gas-report.md: the
 * simulated chain's gas model is calibrated against these figures.
 */
@ExtendWith(HardhatExtension.class)
class GasReportTest {
    @Test
    void gasPerFunction(HardhatNode node) throws Exception {
        Map<String, Long> gas = new LinkedHashMap<>();
        try (EthereumLedger ledger = TestLedgers.open(node)) {
            gas.put("BulletinBoard.post (first)", ledger.bulletinBoard().post(TestLedgers.entry(1, "participant-0", "update")).gasUsed());
            gas.put("BulletinBoard.post (later)", ledger.bulletinBoard().post(TestLedgers.entry(1, "participant-1", "update")).gasUsed());

            Election election = ledger.election();
            gas.put("Election.open (M=5, vector of 5)", election.open(1, 5, Election.bordaVector(5)).gasUsed());
            Random random = new Random(7);
            List<Long> ballots = new ArrayList<>();
            for (int voter = 0; voter < 20; voter++) {
                List<Integer> candidates = new ArrayList<>();
                List<Long> scores = new ArrayList<>();
                for (int c = 0; c < 20; c++) {
                    if (c != voter) {
                        candidates.add(c);
                        scores.add((long) random.nextInt(1_000_000));
                    }
                }
                ballots.add(election.castBallot(1, voter, candidates, scores).gasUsed());
            }
            gas.put("Election.castBallot (19 candidates, first)", ballots.get(0));
            gas.put("Election.castBallot (19 candidates, later)", ballots.get(ballots.size() - 1));
            var result = election.tally(1);
            gas.put("Election.tally (20 candidates, M=5)", result.receipt().gasUsed());
            assertEquals(5, result.winners().size());

            Escrow escrow = ledger.escrow();
            gas.put("Escrow.mint (new account)", escrow.mint("participant-0", 1_000_000).gasUsed());
            gas.put("Escrow.mint (existing account)", escrow.mint("participant-0", 1_000).gasUsed());
            Escrow.DepositReceipt first = escrow.deposit("participant-0", 100, 0);
            gas.put("Escrow.deposit (first)", first.receipt().gasUsed());
            Escrow.DepositReceipt second = escrow.deposit("participant-0", 100, 0);
            gas.put("Escrow.deposit (later)", second.receipt().gasUsed());
            gas.put("Escrow.refund", escrow.refund(first.depositId(), 0).gasUsed());
            gas.put("Escrow.take (3 takers)", escrow.take(second.depositId(), List.of("participant-1", "participant-2", "participant-3"),
                    List.of(1L, 2L, 3L)).gasUsed());

            byte[] small = new byte[4096];
            byte[] large = new byte[32768];
            random.nextBytes(small);
            random.nextBytes(large);
            gas.put("GradientExchange.post (4 KiB random)", ledger.gradientExchange().post(1, "participant-0", small).gasUsed());
            gas.put("GradientExchange.post (32 KiB random)", ledger.gradientExchange().post(1, "participant-1", large).gasUsed());
        }
        StringBuilder table = new StringBuilder("| function | gas used |\n|---|---:|\n");
        gas.forEach((k, v) -> table.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        System.out.println("Gas per contract function on the Hardhat dev node (hardhat 2.29.1, solc 0.8.26, paris, 200 runs):");
        System.out.print(table);
        Path out = Path.of("target", "gas-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
        gas.values().forEach(v -> assertTrue(v > 21_000));
    }
}
