package io.chainfl.agents.adversary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import io.chainfl.learning.data.Dataset;
import io.chainfl.engine.seed.SeedStreams;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdversaryPlanTest {
    /** The conduct of participant 0 of a two-participant run with this one entry (which names id 0). */
    static Conduct conductOf(Adversary entry) {
        return AdversaryPlan.of(List.of(entry), 2, new SeedStreams(1)).conductOf(0);
    }

    @Test
    void equalFractionsStackOnTheSameColluders() {
        AdversaryPlan plan = AdversaryPlan.of(List.of(
                new LabelFlipParams(0.2, null, 5, null, null),
                new DishonestVoteParams(0.2, null, 5)), 20, new SeedStreams(1));
        assertEquals(4, plan.coalition().size());
        int honest = java.util.stream.IntStream.range(0, 20).filter(i -> !plan.coalition().contains(i)).findFirst().orElseThrow();
        for (int id : plan.coalition()) {
            Conduct c = plan.conductOf(id);
            assertTrue(c.isAdversarial());
            int fellow = plan.coalition().stream().filter(f -> f != id).findFirst().orElseThrow();
            assertEquals(Map.of(honest, 0.0, fellow, 1.0), c.ballot(Map.of(honest, 0.9, fellow, 0.1), plan.coalition(), 5),
                    "the flipping colluders also vote dishonestly");
        }
        assertEquals(plan.coalition(), AdversaryPlan.of(List.of(new LabelFlipParams(0.2, null, 5, null, null)), 20, new SeedStreams(1)).coalition());
        assertFalse(plan.coalition().equals(AdversaryPlan.of(List.of(new LabelFlipParams(0.2, null, 5, null, null)), 20, new SeedStreams(2)).coalition()),
                "another seed draws other colluders");
    }

    @Test
    void thePropertyInferenceAdversaryIsPassive() {
        AdversaryPlan plan = AdversaryPlan.of(List.of(new PropertyInferenceParams(null, List.of(3, 5), null, 1, null, 0.1, null, null)),
                10, new SeedStreams(1));
        assertEquals(3, plan.propertyInference().orElseThrow().participant(), "the first id is the adversary");
        assertEquals(0.1, plan.propertyInference().orElseThrow().params().sharedFraction());
        assertTrue(plan.coalition().isEmpty(), "it colludes with no one");
        assertSame(Conduct.HONEST, plan.conductOf(3), "it trains and uploads honestly");
        assertTrue(plan.craftingCoalition().isEmpty());
        assertThrows(UserError.class, () -> AdversaryPlan.of(List.of(new PropertyInferenceParams(0.0, null, null, null, null, null, null, null)),
                10, new SeedStreams(1)));
    }

    @Test
    void explicitIdsAndHonestDefault() {
        AdversaryPlan plan = AdversaryPlan.of(List.of(new FreeRiderParams(null, List.of(3, 7), 2, null, null)), 10, new SeedStreams(1));
        assertEquals(Set.of(3, 7), plan.coalition());
        assertSame(Conduct.HONEST, plan.conductOf(0));
        assertFalse(plan.conductOf(3).skipsTraining(1));
        assertTrue(plan.conductOf(3).skipsTraining(2));
        assertThrows(UserError.class, () -> AdversaryPlan.of(List.of(new FreeRiderParams(null, List.of(10), 1, null, null)), 10, new SeedStreams(1)));
    }

    @Test
    void dishonestVotersRankTheCoalitionFirstFromTheirStartRound() {
        Conduct voter = conductOf(new DishonestVoteParams(null, List.of(0), 3));
        Map<Integer, Double> honest = Map.of(0, 0.9, 2, 0.1);
        assertEquals(honest, voter.ballot(honest, Set.of(1, 2), 2));
        assertEquals(Map.of(0, 0.0, 2, 1.0), voter.ballot(honest, Set.of(1, 2), 3));
    }

    @Test
    void labelFlippingUntargetedAndTargeted() {
        Dataset d = new Dataset("d", new float[4], new int[] {0, 1, 2, 3}, 1, 4, null);
        assertArrayEquals(new int[] {3, 2, 1, 0}, new LabelFlipParams(null, List.of(0), 1, null, null).transform(d, null).labels());
        assertArrayEquals(new int[] {0, 3, 2, 3}, new LabelFlipParams(null, List.of(0), 1, 1, 3).transform(d, null).labels());
        Conduct flipper = conductOf(new LabelFlipParams(null, List.of(0), 5, null, null));
        assertSame(d, flipper.trainingData(d, 4, new SplittableRandom(1)), "honest before the start round");
        assertArrayEquals(new int[] {3, 2, 1, 0}, flipper.trainingData(d, 5, new SplittableRandom(1)).labels());
    }

    @Test
    void freeRidersUploadNoiseStaleOrZero() {
        float[] previous = {1f, 2f};
        assertArrayEquals(previous, conductOf(new FreeRiderParams(null, List.of(0), 1, FreeRiderParams.Mode.STALE, null))
                .freeRide(2, previous, new SplittableRandom(1)));
        assertArrayEquals(new float[2], conductOf(new FreeRiderParams(null, List.of(0), 1, FreeRiderParams.Mode.ZERO, null))
                .freeRide(2, previous, new SplittableRandom(1)));
        float[] noise = conductOf(new FreeRiderParams(null, List.of(0), 1, FreeRiderParams.Mode.NOISE, 0.5))
                .freeRide(1000, previous, new SplittableRandom(1));
        double var = 0;
        for (float v : noise) {
            var += v * v;
        }
        assertEquals(0.25, var / noise.length, 0.05, "noise variance is std^2");
    }

    @Test
    void stackingRules() {
        BackdoorParams first = new BackdoorParams(null, List.of(1), 1, 0, null, null, null);
        BackdoorParams second = new BackdoorParams(null, List.of(2), 1, 1, null, null, null);
        AdversaryPlan plan = AdversaryPlan.of(List.of(
                new BackdoorParams(0.0, null, 1, 2, null, null, null), first, second,
                new SignFlipParams(null, List.of(1), 1, 1.0), new ScalingParams(null, List.of(1), 1, 3.0),
                new SybilParams(null, List.of(3), 2, null)), 4, new SeedStreams(1));
        assertSame(first, plan.backdoor().orElseThrow(), "the first backdoor that names a participant defines the probe");
        assertArrayEquals(new float[] {3f}, plan.conductOf(1).upload(new float[] {1f}, 1, null), 0f, "a later upload attack replaces an earlier one");
        Dataset d = new Dataset("d", new float[4], new int[] {0, 1, 2, 3}, 1, 4, null);
        assertSame(d, plan.conductOf(3).trainingData(d, 1, null), "a sybil trains honestly before its start round");
        assertArrayEquals(new int[] {3, 2, 1, 0}, plan.conductOf(3).trainingData(d, 2, null).labels(), "then like an untargeted label flipper");
        assertTrue(plan.craftingCoalition().colludes(3, 2));
        assertEquals(Set.of(1, 2, 3), plan.coalition());
    }
}
