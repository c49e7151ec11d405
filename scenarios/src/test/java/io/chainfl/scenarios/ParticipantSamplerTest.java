package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.chainfl.engine.seed.SeedStreams;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParticipantSamplerTest {
    @Test
    void samplesSortedDistinctAndSeeded() {
        ParticipantSampler sampler = new ParticipantSampler(100, 0.1, new SeedStreams(9));
        List<Integer> chosen = sampler.select(4);
        assertEquals(10, chosen.size());
        assertEquals(chosen.stream().sorted().distinct().toList(), chosen);
        assertEquals(chosen, new ParticipantSampler(100, 0.1, new SeedStreams(9)).select(4));
        assertNotEquals(chosen, sampler.select(5));
    }

    @Test
    void fullFractionTakesEveryone() {
        assertEquals(IntStream.range(0, 7).boxed().toList(), new ParticipantSampler(7, 1.0, new SeedStreams(1)).select(1));
        assertEquals(1, new ParticipantSampler(7, 0.01, new SeedStreams(1)).select(1).size());
    }
}
