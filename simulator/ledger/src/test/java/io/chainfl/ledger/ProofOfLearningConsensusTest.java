package io.chainfl.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Proof-of-Learning committee's Borda count, computed by hand. */
class ProofOfLearningConsensusTest {
    @Test
    void bordaPointsByHand() {
        // four submissions, three validators; position p of n = 4 earns 3 - p
        long[] points = ProofOfLearning.bordaPoints(4, List.of(
                List.of(2, 0, 1, 3),   // 2: 3, 0: 2, 1: 1, 3: 0
                List.of(0, 2, 3, 1),   // 0: 3, 2: 2, 3: 1, 1: 0
                List.of(3, 0, 2, 1))); // 3: 3, 0: 2, 2: 1, 1: 0
        assertArrayEquals(new long[] {7, 1, 6, 4}, points);
        assertEquals(0, ProofOfLearning.winner(points));
    }

    @Test
    void twoColludersOutvoteOneHonestValidatorButNotThree() {
        // honest order 0 > 1 > 2 > 3; colluders put 3 first and the rest reversed (burying the best)
        List<Integer> honest = List.of(0, 1, 2, 3);
        List<Integer> colluder = List.of(3, 2, 1, 0);
        // one honest, two colluders: 0 gets 3 + 0 + 0, 3 gets 0 + 3 + 3
        assertEquals(3, ProofOfLearning.winner(ProofOfLearning.bordaPoints(4, List.of(honest, colluder, colluder))));
        // three honest, two colluders: 0 gets 9, 3 gets 6 (the bound: c (n - 1) > h r with r = 3: 2 x 3 > 3 x 3 fails)
        assertEquals(0, ProofOfLearning.winner(ProofOfLearning.bordaPoints(4, List.of(honest, honest, honest, colluder, colluder))));
    }

    @Test
    void tiesGoToTheEarlierSubmissionAndNoSubmissionHasNoWinner() {
        assertEquals(0, ProofOfLearning.winner(ProofOfLearning.bordaPoints(2, List.of(List.of(0, 1), List.of(1, 0)))));
        assertEquals(-1, ProofOfLearning.winner(ProofOfLearning.bordaPoints(0, List.of(List.of(), List.of()))));
    }

    @Test
    void onlyPermutationsCount() {
        assertTrue(ProofOfLearning.isPermutation(3, List.of(2, 0, 1)));
        assertFalse(ProofOfLearning.isPermutation(3, List.of(0, 1)));
        assertFalse(ProofOfLearning.isPermutation(3, List.of(0, 0, 1)));
        assertFalse(ProofOfLearning.isPermutation(3, List.of(0, 1, 3)));
        assertThrows(IllegalArgumentException.class, () -> ProofOfLearning.bordaPoints(3, List.of(List.of(0, 1, 1))));
    }
}
