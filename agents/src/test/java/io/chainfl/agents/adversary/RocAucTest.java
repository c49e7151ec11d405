package io.chainfl.agents.adversary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tribuo.classification.evaluation.LabelEvaluationUtil;

class RocAucTest {
    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void perfectReversedAndChanceRankings() {
        assertEquals(1.0, RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {F, F, T, T}));
        assertEquals(0.0, RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {T, T, F, F}));
        assertEquals(0.5, RocAuc.of(new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[] {T, F, T, F}), "all tied: every pair counts one half");
    }

    @Test
    void handComputedPairCounts() {
        // positives 0.8, 0.4; negatives 0.6, 0.2, 0.1: of 6 pairs the positive wins 5 (0.4 < 0.6 loses) -> 5/6
        assertEquals(5.0 / 6, RocAuc.of(new double[] {0.8, 0.6, 0.4, 0.2, 0.1}, new boolean[] {T, F, T, F, F}), 1e-12);
        // positives 0.7, 0.3; negatives 0.3, 0.1: pairs (0.7,0.3) 1, (0.7,0.1) 1, (0.3,0.3) 1/2, (0.3,0.1) 1 -> 3.5/4
        assertEquals(3.5 / 4, RocAuc.of(new double[] {0.3, 0.7, 0.1, 0.3}, new boolean[] {F, T, F, T}), 1e-12);
        // one positive below two of three negatives: 1/3
        assertEquals(1.0 / 3, RocAuc.of(new double[] {2, 3, 1, 2.5}, new boolean[] {T, F, F, F}), 1e-12);
    }

    /**
     * Tribuo's ROC AUC (the trapezoid under its ROC curve, one point per distinct score) is the definition ours is
     * checked against: seeded score sets of several sizes, half of them with many ties (scores on a 0.1 grid).
     */
    @Test
    void agreesWithTribuosBinaryAucRoc() {
        SplittableRandom random = new SplittableRandom(19);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + random.nextInt(60);
            boolean tied = trial % 2 == 0;
            double[] scores = new double[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                positive[i] = random.nextDouble() < 0.4;
                // positives score a little higher on average, so the AUCs spread over (0, 1) instead of sitting at 0.5
                double score = random.nextGaussian() + (positive[i] ? 0.7 : 0);
                scores[i] = tied ? Math.round(score * 10) / 10.0 : score;
            }
            positive[0] = true;
            positive[1] = false;
            assertEquals(LabelEvaluationUtil.binaryAUCROC(positive, scores), RocAuc.of(scores, positive), 1e-12,
                    "trial " + trial + " (" + n + " scores" + (tied ? ", with ties" : "") + ")");
        }
    }

    @Test
    void undefinedWithoutBothClasses() {
        assertTrue(Double.isNaN(RocAuc.of(new double[] {1, 2}, new boolean[] {T, T})));
        assertTrue(Double.isNaN(RocAuc.of(new double[] {}, new boolean[] {})));
        assertThrows(IllegalArgumentException.class, () -> RocAuc.of(new double[] {1}, new boolean[] {T, F}));
    }

    @Test
    void logisticRegressionSeparatesALinearlySeparableSet() {
        float[][] x = {{1, 0}, {0.9f, 0.1f}, {0.8f, 0.3f}, {0, 1}, {0.2f, 0.9f}, {0.1f, 0.7f}};
        double[] y = {1, 1, 1, 0, 0, 0};
        LogisticRegression lr = LogisticRegression.fit(x, y, 500, 1.0, 0);
        double[] scores = lr.scores(new float[][] {{0.7f, 0.2f}, {0.3f, 0.6f}});
        assertTrue(scores[0] > 0 && scores[1] < 0, "the point near the positives scores positive, the other negative: " + scores[0] + ", " + scores[1]);
    }

    @Test
    void logisticRegressionTakesTheHandComputedGradientSteps() {
        // x = {2}, {0}; y = 1, 0; learning rate 1, l2 0.1, from w = 0, b = 0.
        // step 1: sigmoid(0) = 0.5, errors -0.5, 0.5; gradient (2 * -0.5 + 0) / 2 = -0.5, l2 term 0 -> w = 0.5; mean error 0 -> b = 0
        // step 2: logits 1, 0; errors sigmoid(1) - 1 = -0.26894142137, 0.5; gradient -0.26894142137 + 0.1 * 0.5
        //         -> w = 0.71894142137; mean error 0.11552928932 -> b = -0.11552928932
        float[][] x = {{2}, {0}};
        LogisticRegression lr = LogisticRegression.fit(x, new double[] {1, 0}, 2, 1.0, 0.1);
        double sigmoidOne = 1 / (1 + Math.exp(-1));
        double w = 0.5 - ((sigmoidOne - 1) + 0.1 * 0.5);
        double b = -((sigmoidOne - 1) + 0.5) / 2;
        assertEquals(0.71894142137, w, 1e-10);
        double[] scores = lr.scores(new float[][] {{1}, {0}});
        assertEquals(w + b, scores[0], 1e-12);
        assertEquals(b, scores[1], 1e-12);
        assertEquals(-0.11552928932, scores[1], 1e-10);
    }
}
