package io.chainfl.scenarios.learningchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainfl.engine.seed.SeedStreams;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MiningRaceTest {
    @Test
    void winsFollowHashPower() {
        MiningRace race = new MiningRace(List.of(4.0, 3.0, 2.0, 1.0), new SeedStreams(7));
        int[] wins = new int[4];
        int rounds = 20_000;
        for (int r = 1; r <= rounds; r++) {
            wins[race.winner(r)]++;
        }
        // binomial standard deviation at p = 0.4 over 20,000 draws: 0.0035; 0.015 is more than four of them
        double[] expected = {0.4, 0.3, 0.2, 0.1};
        for (int k = 0; k < 4; k++) {
            assertEquals(expected[k], wins[k] / (double) rounds, 0.015, "node " + k);
            assertEquals(expected[k], race.share(k), 1e-12);
        }
    }

    @Test
    void aRoundsWinnerDependsOnTheSeedAndTheRoundOnly() {
        List<Double> equal = List.of(1.0, 1.0, 1.0, 1.0, 1.0);
        List<Integer> first = IntStream.rangeClosed(1, 50).map(new MiningRace(equal, new SeedStreams(1))::winner).boxed().toList();
        MiningRace again = new MiningRace(equal, new SeedStreams(1));
        // asked in another order (a resumed run starts part-way), the same winners
        for (int r = 50; r >= 1; r--) {
            assertEquals(first.get(r - 1), again.winner(r));
        }
        assertNotEquals(first, IntStream.rangeClosed(1, 50).map(new MiningRace(equal, new SeedStreams(2))::winner).boxed().toList());
        // one node always wins
        assertEquals(0, new MiningRace(List.of(3.0), new SeedStreams(1)).winner(9));
        assertThrows(IllegalArgumentException.class, () -> new MiningRace(List.of(1.0, 0.0), new SeedStreams(1)));
    }
}
