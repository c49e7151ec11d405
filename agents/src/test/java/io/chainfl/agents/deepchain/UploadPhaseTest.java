package io.chainfl.agents.deepchain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.chainfl.agents.deepchain.DeepChainMessages.Submission;
import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.ledger.sim.Keccak256;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trading contract's calls for one round's submissions, on chain and off chain (scenario.payloads). Plain float
 * payloads of 10 values (40 bytes) at 4 values per transaction: on chain each takes ceil(10 / 4) = 3 transactions of
 * 16, 16 and 8 bytes; off chain each takes one transaction of its 32-byte Keccak-256 hash. A party that sent nothing
 * posts nothing either way.
 */
class UploadPhaseTest {
    private static final DeepChainCrypto PLAIN = new DeepChainCrypto(null, null, 10);

    private static Map<Integer, Submission> submissions() {
        byte[] first = new byte[40];
        byte[] second = new byte[40];
        for (int i = 0; i < 40; i++) {
            first[i] = (byte) i;
            second[i] = (byte) (100 + i);
        }
        return Map.of(2, new Submission(2, 1, second, 0, 0, 0, 0), 0, new Submission(0, 1, first, 0, 0, 0, 0),
                1, new Submission(1, 1, null, 0, 0, 0, 0));
    }

    @Test
    void onChainTheBytesGoInBatchesOfGradientsPerTx() {
        List<ContractCall> calls = UploadPhase.plan(1, submissions(), PLAIN, true, 4, true).calls();
        assertEquals(7, calls.size(), "3 batches for each of the two payloads, then the seal");
        assertEquals(List.of(16, 16, 8, 16, 16, 8), calls.subList(0, 6).stream().map(c -> ((ContractCall.PostGradient) c).payload().length).toList());
        assertEquals("party-0/batch-0", ((ContractCall.PostGradient) calls.get(0)).sender());
        assertEquals("party-2/batch-2", ((ContractCall.PostGradient) calls.get(5)).sender());
        assertInstanceOf(ContractCall.SealBlocks.class, calls.get(6));
    }

    @Test
    void offChainEachSubmissionIsOneTransactionOfItsHash() {
        Map<Integer, Submission> submissions = submissions();
        List<ContractCall> calls = UploadPhase.plan(1, submissions, PLAIN, true, 4, false).calls();
        assertEquals(3, calls.size(), "one hash per payload in party order, then the seal");
        ContractCall.PostGradient first = (ContractCall.PostGradient) calls.get(0);
        assertEquals("party-0/content", first.sender());
        assertArrayEquals(Keccak256.hash(submissions.get(0).payload()), first.payload());
        assertEquals(32, first.payload().length);
        assertArrayEquals(Keccak256.hash(submissions.get(2).payload()), ((ContractCall.PostGradient) calls.get(1)).payload());
        assertInstanceOf(ContractCall.SealBlocks.class, calls.get(2));
    }

    @Test
    void withoutALedgerNothingIsPostedEitherWay() {
        assertEquals(List.of(), UploadPhase.plan(1, submissions(), PLAIN, false, 4, true).calls());
        assertEquals(List.of(), UploadPhase.plan(1, submissions(), PLAIN, false, 4, false).calls());
    }
}
