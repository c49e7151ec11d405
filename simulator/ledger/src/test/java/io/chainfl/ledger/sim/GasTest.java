package io.chainfl.ledger.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.ConsensusType;
import io.chainfl.engine.Hashes;
import io.chainfl.ledger.LedgerEntry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GasTest {
    private final SimulatedLedger ledger = SimulatedChainTest.ledger(ConsensusType.INSTANT, 30_000_000L, 0, 1);

    private static void within10Percent(long expected, long actual, String what) {
        assertTrue(Math.abs(actual - expected) <= expected / 10, what + ": " + actual + " gas, node reports about " + expected);
    }

    private long post(int round, int sender) {
        byte[] hash = Hashes.sha256(("m" + round + sender).getBytes(StandardCharsets.UTF_8));
        return ledger.bulletinBoard().post(new LedgerEntry(round, "participant-" + sender, "update", hash, 0)).gasUsed();
    }

    @Test
    void firstPostPaysForThePostsCounter() {
        long first = post(1, 0);
        long later = post(1, 1);
        // what Hardhat (Cancun) charges for BulletinBoard.sol and Escrow.sol; DifferentialLedgerTest checks against a live node
        within10Percent(69_690, first, "first post");
        within10Percent(52_590, later, "later post");
        long counterDifference = GasSchedule.SSTORE_SET - GasSchedule.SSTORE_RESET;
        assertTrue(Math.abs(first - later - counterDifference) <= 3 * 12, "difference " + (first - later) + " is the counter's zero to non-zero store up to calldata");
    }

    @Test
    void depositMatchesTheNode() {
        ledger.escrow().mint("p", 10_000);
        ledger.escrow().deposit("p", 1_000, 60_000);
        long later = ledger.escrow().deposit("p", 1_000, 60_000).receipt().gasUsed();
        within10Percent(80_006, later, "deposit");
    }

    @Test
    void gradientPayloadCostsCalldataGasPerByte() {
        int n = 32 * 100;
        byte[] nonZero = new byte[n];
        Arrays.fill(nonZero, (byte) 7);
        ledger.gradientExchange().post(0, "a", new byte[1]); // bytesPosted leaves zero: later posts pay alike
        long zeros = ledger.gradientExchange().post(1, "a", new byte[n]).gasUsed();
        long ones = ledger.gradientExchange().post(1, "b", nonZero).gasUsed();
        assertEquals(12L * n, ones - zeros, "16 instead of 4 gas per byte, all else equal");
        byte[] twice = new byte[2 * n];
        Arrays.fill(twice, (byte) 7);
        long doubled = ledger.gradientExchange().post(1, "c", twice).gasUsed();
        double perByte = (double) (doubled - ones) / n;
        assertTrue(perByte >= 16 && perByte < 17, "marginal gas per non-zero payload byte " + perByte);
    }

    @Test
    void calldataIsAbiEncoded() {
        AbiEncoder abi = new AbiEncoder();
        new SimElection.Open(5, 2, List.of(2L, 1L)).encode(0, abi);
        String hex = Hashes.hex(abi.calldata());
        int selector = GasSchedule.Function.ELECTION_OPEN.selector();
        String words = "0".repeat(63) + "5" + "0".repeat(63) + "2" + "0".repeat(62) + "60" + "0".repeat(63) + "2" + "0".repeat(63) + "2" + "0".repeat(63) + "1";
        assertEquals(String.format("%08x", selector) + words, hex);
        assertEquals(4 + 6 * 32, abi.calldataBytes());
        long nonZero = hex.length() / 2 - countZeroBytes(abi.calldata());
        assertEquals(16 * nonZero + 4 * countZeroBytes(abi.calldata()), abi.calldataGas());
    }

    private static long countZeroBytes(byte[] b) {
        long zeros = 0;
        for (byte x : b) {
            zeros += x == 0 ? 1 : 0;
        }
        return zeros;
    }
}
