package io.chainfl.agents.async;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.learning.aggregation.FedAvg;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Staleness weights and the two server rules, computed by hand. */
class AsyncRuleTest {

    @Test
    void stalenessFunctionsOfFedAsync() {
        StalenessParams constant = new StalenessParams.Constant();
        assertEquals(1.0, constant.weight(0));
        assertEquals(1.0, constant.weight(50));
        StalenessParams polynomial = new StalenessParams.Polynomial(0.5);
        assertEquals(1.0, polynomial.weight(0));
        assertEquals(1 / Math.sqrt(2), polynomial.weight(1), 1e-15);
        assertEquals(1 / Math.sqrt(3), polynomial.weight(2), 1e-15);
        assertEquals(1 / Math.sqrt(7), polynomial.weight(6), 1e-15);
        assertEquals(0.25, new StalenessParams.Polynomial(2.0).weight(1), 1e-15);
        StalenessParams hinge = new StalenessParams.Hinge(10.0, 4.0);
        assertEquals(1.0, hinge.weight(0));
        assertEquals(1.0, hinge.weight(4), "flat up to b");
        assertEquals(1.0 / 11, hinge.weight(5), 1e-15, "1 / (a (5 - b) + 1)");
        assertEquals(1.0 / 21, hinge.weight(6), 1e-15);
        assertEquals(0.5 * (1 / Math.sqrt(7)), new AsyncRule.FedAsyncMix(0.5, polynomial).alphaFor(6), 1e-15);
    }

    @Test
    void fedBuffScalesByOneOverSqrtOfOnePlusStaleness() {
        assertEquals(1.0, AsyncParams.FedBuff.stalenessScale(0));
        assertEquals(0.5, AsyncParams.FedBuff.stalenessScale(3));
        assertEquals(1 / 3.0, AsyncParams.FedBuff.stalenessScale(8), 1e-15);
        assertEquals(1.0, new AsyncRule.FedBuffBuffer(2, 1.0, false, new FedAvg()).scaleFor(8), "unweighted");
    }

    /** x = (1 - alpha_t) x + alpha_t (base + delta): alpha 0.5, staleness 1 under s = (1 + 1)^-1 gives alpha_t = 0.25. */
    @Test
    void fedAsyncMixesTheTrainedModelIn() {
        float[] global = {1, 2};
        AsyncRule rule = new AsyncRule.FedAsyncMix(0.5, new StalenessParams.Polynomial(1.0));
        List<AsyncRule.Upload> applied = rule.take(global, new AsyncRule.Upload(3, new float[] {1, 1}, 10, 0.5, new float[] {0, 0}, 1), 5);
        assertArrayEquals(new float[] {1.0f, 1.75f}, global);
        assertEquals(1, applied.size());
    }

    /**
     * Buffer of 2, server_lr 0.5, staleness-weighted, FedAvg: participant 1 (staleness 3, delta [2, 0], scaled to [1, 0])
     * then participant 0 (fresh, [0, 4]); equal samples, so the mean is [0.5, 2] and x = [1, 1] + 0.5 [0.5, 2].
     */
    @Test
    void fedBuffAppliesTheBufferOnceFull() {
        float[] global = {1, 1};
        AsyncRule rule = new AsyncRule.FedBuffBuffer(2, 0.5, true, new FedAvg());
        assertTrue(rule.take(global, new AsyncRule.Upload(1, new float[] {2, 0}, 100, 0.1, global.clone(), 3), 7).isEmpty());
        assertArrayEquals(new float[] {1, 1}, global, "nothing applied before the buffer is full");
        List<AsyncRule.Upload> applied = rule.take(global, new AsyncRule.Upload(0, new float[] {0, 4}, 100, 0.1, global.clone(), 0), 7);
        assertArrayEquals(new float[] {1.25f, 2.0f}, global);
        assertEquals(List.of(1, 0), applied.stream().map(AsyncRule.Upload::participant).toList(), "in the order taken");
    }

    /**
     * A participant twice in the buffer shares one entry, the sample-weighted mean of its updates: (2 * 1 + 4 * 3) / 4 = 3.5
     * over 4 samples; with participant 1's [0] over 4 samples FedAvg gives 1.75.
     */
    @Test
    void aParticipantTwiceInTheBufferSharesOneEntry() {
        float[] global = {1};
        AsyncRule rule = new AsyncRule.FedBuffBuffer(2, 1.0, false, new FedAvg());
        assertTrue(rule.take(global, new AsyncRule.Upload(0, new float[] {2}, 1, 0, null, 0), 0).isEmpty());
        assertTrue(rule.take(global, new AsyncRule.Upload(0, new float[] {4}, 3, 0, null, 0), 0).isEmpty(), "one participant so far");
        assertEquals(3, rule.take(global, new AsyncRule.Upload(1, new float[] {0}, 4, 0, null, 0), 0).size());
        assertArrayEquals(new float[] {2.75f}, global);
    }
}
