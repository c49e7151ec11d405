package io.chainfl.learning.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.learning.aggregation.AggregatorParams;
import org.junit.jupiter.api.Test;

/**
 * The server's aggregation operations counted by hand for n = 5 updates of d = 4 parameters (ceil(log2 5) = 3, and
 * 5 * 4 / 2 = 10 pairs of updates).
 */
class AggregationCostTest {
    private static final int N = 5;
    private static final long D = 4;

    private static double count(AggregatorParams rule) {
        return AggregationCost.of(rule).orElseThrow().operations(N, D);
    }

    @Test
    void fedAvgScalesAndAddsEveryUpdate() {
        assertEquals(40.0, count(new AggregatorParams.FedAvgParams()));   // 2 n d = 2 * 5 * 4
    }

    @Test
    void medianAndTrimmedMeanSortEveryCoordinate() {
        assertEquals(60.0, count(new AggregatorParams.MedianParams()));                   // d n ceil(log2 n) = 4 * 5 * 3
        assertEquals(80.0, count(new AggregatorParams.TrimmedMeanParams(null, 1)));       // d (n ceil(log2 n) + n) = 4 * (15 + 5)
        assertEquals(0.0, AggregationCost.of(new AggregatorParams.MedianParams()).orElseThrow().operations(1, D), "one value needs no sort");
    }

    @Test
    void krumMeasuresEveryPairThenAveragesItsSelection() {
        // 3 d per pair over 10 pairs = 120, then the m selected averaged: 2 m d
        assertEquals(128.0, count(new AggregatorParams.KrumParams(1)));                  // m = 1: 120 + 8
        assertEquals(152.0, count(new AggregatorParams.MultiKrumParams(1, null)));       // m = n - f = 4: 120 + 32
        assertEquals(136.0, count(new AggregatorParams.MultiKrumParams(1, 2)));          // m = 2: 120 + 16
    }

    @Test
    void otherRulesAreNotCounted() {
        assertTrue(AggregationCost.of(new AggregatorParams.BulyanParams(1)).isEmpty());
    }

    @Test
    void ceilLog2IsTheSortDepth() {
        assertEquals(0, AggregationCost.ceilLog2(1));
        assertEquals(1, AggregationCost.ceilLog2(2));
        assertEquals(2, AggregationCost.ceilLog2(4));
        assertEquals(3, AggregationCost.ceilLog2(5));
        assertEquals(3, AggregationCost.ceilLog2(8));
        assertEquals(4, AggregationCost.ceilLog2(9));
    }
}
