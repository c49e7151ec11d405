package io.chainfl.engine.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.privacy.RdpAccountant.Conversion;
import io.chainfl.engine.privacy.RdpAccountant.Spent;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/**
 * The accountant against published numbers (each test names its source) and against cases a reader can check by hand.
 */
class RdpAccountantTest {

    /** The orders of TensorFlow Privacy's MNIST tutorial (mnist_dpsgd_tutorial.py, compute_epsilon): 1.1 to 10.9 by 0.1, then 12 to 63. */
    private static final double[] TUTORIAL_ORDERS = tutorialOrders();

    private static double[] tutorialOrders() {
        double[] orders = new double[99 + 52];
        int k = 0;
        for (int x = 1; x < 100; x++) {
            orders[k++] = 1 + x / 10.0;
        }
        for (int a = 12; a < 64; a++) {
            orders[k++] = a;
        }
        return orders;
    }

    private static double twoSignificantDigits(double value) {
        return new BigDecimal(value).round(new MathContext(2)).doubleValue();
    }

    private static double epsilon(double q, double sigma, long steps, double delta, double[] orders, Conversion conversion) {
        return RdpAccountant.epsilon(orders, RdpAccountant.composed(RdpAccountant.sampledGaussian(q, sigma, orders), steps), delta, conversion).epsilon();
    }

    @Test
    void tensorflowPrivacyMnistTutorialEpsilons() {
        // TensorFlow Privacy, tutorials/README.md ("Select Parameters" table and "Expected Output", 2019): DP-SGD on MNIST,
        // 60,000 examples, batch 256 (q = 256/60000), delta = 1e-5, epsilon from get_privacy_spent (the standard conversion then);
        // steps = ceil(epochs * 60000 / 256), as compute_dp_sgd_privacy.py counts them.
        double q = 256.0 / 60000;
        assertEquals(3.0, twoSignificantDigits(epsilon(q, 1.1, 14063, 1e-5, TUTORIAL_ORDERS, Conversion.STANDARD))); // published 3.01, 60 epochs
        assertEquals(1.2, twoSignificantDigits(epsilon(q, 1.3, 3516, 1e-5, TUTORIAL_ORDERS, Conversion.STANDARD))); // published 1.19, 15 epochs
        assertEquals(7.1, twoSignificantDigits(epsilon(q, 0.7, 10547, 1e-5, TUTORIAL_ORDERS, Conversion.STANDARD))); // published 7.10, 45 epochs
        // "Expected Output": after 1 and 2 epochs (the tutorial counts 60000 // 256 = 234 steps an epoch), 1.03 and 1.11
        assertEquals(1.0, twoSignificantDigits(epsilon(q, 1.1, 234, 1e-5, TUTORIAL_ORDERS, Conversion.STANDARD)));
        assertEquals(1.1, twoSignificantDigits(epsilon(q, 1.1, 468, 1e-5, TUTORIAL_ORDERS, Conversion.STANDARD)));
        // to the printed digits, in fact
        assertEquals(3.01, epsilon(q, 1.1, 14063, 1e-5, TUTORIAL_ORDERS, Conversion.STANDARD), 0.005);
        assertEquals(1.19, epsilon(q, 1.3, 3516, 1e-5, TUTORIAL_ORDERS, Conversion.STANDARD), 0.005);
        assertEquals(7.10, epsilon(q, 0.7, 10547, 1e-5, TUTORIAL_ORDERS, Conversion.STANDARD), 0.005);
        assertEquals(1.03, epsilon(q, 1.1, 234, 1e-5, TUTORIAL_ORDERS, Conversion.STANDARD), 0.005);
        assertEquals(1.11, epsilon(q, 1.1, 468, 1e-5, TUTORIAL_ORDERS, Conversion.STANDARD), 0.005);
    }

    @Test
    void abadiEtAlMomentsAccountant() {
        // Abadi et al. 2016, "Deep Learning with Differential Privacy", Section 3.1: q = 0.01, sigma = 4, delta = 1e-5,
        // T = 10000 steps give epsilon ~ 1.26 with the moments accountant (integer moments); TensorFlow Privacy's
        // rdp_accountant_test.py (test_get_privacy_spent_check_target_delta) pins the same setting over orders 2..32 at
        // 1.258575, reached at order 20.
        double[] orders = new double[31];
        for (int i = 0; i < orders.length; i++) {
            orders[i] = i + 2;
        }
        Spent spent = RdpAccountant.epsilon(orders, RdpAccountant.composed(RdpAccountant.sampledGaussian(0.01, 4, orders), 10000), 1e-5, Conversion.STANDARD);
        assertEquals(1.3, twoSignificantDigits(spent.epsilon()));
        assertEquals(1.258575, spent.epsilon(), 1e-5);
        assertEquals(20, spent.order());
    }

    @Test
    void tensorflowPrivacyRdpValues() {
        // rdp_accountant_test.py: test_compute_rdp_scalar and test_compute_rdp_sequence (fractional and integer orders)
        assertEquals(0.07737, 10 * RdpAccountant.sampledGaussian(0.1, 2, 5), 1e-5);
        double[] orders = {1.5, 2.5, 5, 50, 100, Double.POSITIVE_INFINITY};
        double[] expected = {0.00065, 0.001085, 0.00218075, 0.023846, 167.416307, Double.POSITIVE_INFINITY};
        double[] rdp = RdpAccountant.composed(RdpAccountant.sampledGaussian(0.01, 2.5, orders), 50);
        for (int i = 0; i < orders.length; i++) {
            assertEquals(expected[i], rdp[i], 1e-5, "order " + orders[i]);
        }
    }

    @Test
    void tensorflowPrivacyHeterogeneousComposition() {
        // rdp_accountant_test.py, test_check_composition: 40,000 steps at q = 1e-4, sigma = 0.4, then 100 steps at
        // q = 0.1, sigma = 2: epsilon 8.509656 at delta 1e-5, order 2.5 (standard conversion)
        double[] orders = {1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 64, 256};
        double[] first = RdpAccountant.composed(RdpAccountant.sampledGaussian(1e-4, 0.4, orders), 40000);
        double[] second = RdpAccountant.composed(RdpAccountant.sampledGaussian(0.1, 2, orders), 100);
        double[] total = new double[orders.length];
        for (int i = 0; i < orders.length; i++) {
            total[i] = first[i] + second[i];
        }
        Spent spent = RdpAccountant.epsilon(orders, total, 1e-5, Conversion.STANDARD);
        assertEquals(8.509656, spent.epsilon(), 1e-5);
        assertEquals(2.5, spent.order());
    }

    @Test
    void withoutSamplingItIsThePlainGaussian() {
        // q = 1: RDP of order alpha is alpha / (2 sigma^2) (Mironov 2017, Proposition 7), e.g. 20 / (2 * 100) = 0.1
        assertEquals(0.1, RdpAccountant.sampledGaussian(1, 10, 20));
        assertEquals(2.5 / (2 * 0.81), RdpAccountant.sampledGaussian(1, 0.9, 2.5));
        // and q = 0 releases nothing
        assertEquals(0, RdpAccountant.sampledGaussian(0, 10, 20));
    }

    @Test
    void standardConversionOfOneOrderByHand() {
        // one order alpha = 2, 10 steps of the plain Gaussian with sigma = 1: rdp = 10 * 2/2 = 10;
        // epsilon = 10 + log(1/delta) / (2 - 1) = 10 + log(1e5) = 21.512925...
        double[] orders = {2};
        Spent spent = RdpAccountant.epsilon(orders, RdpAccountant.composed(RdpAccountant.sampledGaussian(1, 1, orders), 10), 1e-5, Conversion.STANDARD);
        assertEquals(10 + Math.log(1e5), spent.epsilon(), 1e-12);
        // improved: 10 + log(1/2) - (log(1e-5) + log 2) / 1 = 10 + log(1e5) - 2 log 2
        Spent improved = RdpAccountant.epsilon(orders, RdpAccountant.composed(RdpAccountant.sampledGaussian(1, 1, orders), 10), 1e-5, Conversion.IMPROVED);
        assertEquals(10 + Math.log(1e5) - 2 * Math.log(2), improved.epsilon(), 1e-12);
    }

    @Test
    void integerAndFractionalSeriesAgreeNearAnInteger() {
        // the fractional series at 4.999999 and the integer sum at 5 describe the same smooth function of alpha
        for (double q : new double[] {1e-4, 0.01, 0.3, 0.9}) {
            for (double sigma : new double[] {0.5, 1, 4}) {
                double integer = RdpAccountant.sampledGaussian(q, sigma, 5);
                double near = RdpAccountant.sampledGaussian(q, sigma, 4.999999);
                assertEquals(integer, near, 1e-5 * Math.max(1, integer), "q " + q + " sigma " + sigma);
            }
        }
    }

    @Test
    void improvedConversionIsNeverLooserAndEpsilonGrowsWithSteps() {
        double q = 0.1;
        double[] rdp = RdpAccountant.sampledGaussian(q, 1.0, RdpAccountant.DEFAULT_ORDERS);
        double previous = 0;
        for (long steps = 1; steps <= 200; steps *= 2) {
            double[] total = RdpAccountant.composed(rdp, steps);
            double standard = RdpAccountant.epsilon(RdpAccountant.DEFAULT_ORDERS, total, 1e-5, Conversion.STANDARD).epsilon();
            double improved = RdpAccountant.epsilon(RdpAccountant.DEFAULT_ORDERS, total, 1e-5, Conversion.IMPROVED).epsilon();
            assertTrue(improved <= standard, steps + " steps: improved " + improved + " > standard " + standard);
            assertTrue(improved > previous, steps + " steps: " + improved + " not above " + previous);
            previous = improved;
        }
        // more noise, less epsilon
        double lessNoise = RdpAccountant.epsilon(RdpAccountant.DEFAULT_ORDERS, RdpAccountant.composed(RdpAccountant.sampledGaussian(q, 0.8, RdpAccountant.DEFAULT_ORDERS), 50),
                1e-5, Conversion.IMPROVED).epsilon();
        double moreNoise = RdpAccountant.epsilon(RdpAccountant.DEFAULT_ORDERS, RdpAccountant.composed(RdpAccountant.sampledGaussian(q, 1.6, RdpAccountant.DEFAULT_ORDERS), 50),
                1e-5, Conversion.IMPROVED).epsilon();
        assertTrue(moreNoise < lessNoise, moreNoise + " vs " + lessNoise);
    }

    @Test
    void refusesWhatHasNoMeaning() {
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.sampledGaussian(1.5, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.sampledGaussian(0.5, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.sampledGaussian(0.5, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.epsilon(new double[] {2}, new double[] {1}, 0, Conversion.IMPROVED));
    }
}
