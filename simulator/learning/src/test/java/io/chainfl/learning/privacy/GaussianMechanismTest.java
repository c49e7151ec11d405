package io.chainfl.learning.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.PrivacyConfig;
import io.chainfl.engine.config.PrivacyMode;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.aggregation.ClientUpdate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Clipping and noise by hand, DP-FedAvg's fixed denominator, and local DP's seeded streams. */
class GaussianMechanismTest {
    private static final SeedStreams SEEDS = new SeedStreams(7);

    @Test
    void clippingScalesLongVectorsToTheBoundAndKeepsShortOnes() {
        // (3, 4) has norm 5: clipped to 1 it is (0.6, 0.8); to 10 it stays; the zero vector stays
        assertEquals(5.0, GaussianMechanism.norm(new float[] {3, 4}));
        assertEquals(0.2, GaussianMechanism.clipFactor(new float[] {3, 4}, 1.0), 1e-15);
        assertEquals(1.0, GaussianMechanism.clipFactor(new float[] {3, 4}, 10.0));
        assertEquals(1.0, GaussianMechanism.clipFactor(new float[] {0, 0}, 1.0));
        // a NaN cannot be bounded: the upload counts as the zero vector
        assertEquals(0.0, GaussianMechanism.clipFactor(new float[] {Float.NaN, 1}, 1.0));
    }

    @Test
    void noiseIsBoxMullerOnTheSeededStream() {
        // the first pair by hand from the stream's first two uniforms
        SplittableRandom uniforms = new SplittableRandom(11);
        double u1 = uniforms.nextDouble();
        double u2 = uniforms.nextDouble();
        double radius = Math.sqrt(-2 * StrictMath.log(1 - u1));
        double[] target = {1, 2, 3};
        GaussianMechanism.addNoise(target, 0.5, new SplittableRandom(11));
        assertEquals(1 + 0.5 * radius * StrictMath.cos(2 * StrictMath.PI * u2), target[0]);
        assertEquals(2 + 0.5 * radius * StrictMath.sin(2 * StrictMath.PI * u2), target[1]);
    }

    @Test
    void noiseHasTheRequestedSpread() {
        double[] draws = new double[200_000];
        GaussianMechanism.addNoise(draws, 2.0, new SplittableRandom(3));
        double sum = 0;
        double squares = 0;
        for (double d : draws) {
            sum += d;
            squares += d * d;
        }
        double mean = sum / draws.length;
        double std = Math.sqrt(squares / draws.length - mean * mean);
        // standard errors: 2 / sqrt(200000) = 0.0045 for the mean, about 0.0032 for the std
        assertEquals(0.0, mean, 0.02);
        assertEquals(2.0, std, 0.015);
    }

    @Test
    void dpFedAvgClipsSumsNoisesAndDividesByTheExpectedUploads() {
        // uploads (3, 4) -> clipped to (0.6, 0.8), and (0, 1) kept; sum (0.6, 1.8); noise std z S = 2 x 1 on the sum,
        // from the stream (privacy, central, round, 5); divided by the 4 uploads the round asked for, not the 2 that came
        DpFedAvg rule = new DpFedAvg(1.0, 2.0, 4, SEEDS);
        rule.beginRound(5, new float[2]);
        float[] aggregate = rule.aggregate(List.of(new ClientUpdate(3, new float[] {3, 4}, 100), new ClientUpdate(8, new float[] {0, 1}, 1)));
        double[] noise = new double[2];
        GaussianMechanism.addNoise(noise, 2.0, SEEDS.stream("privacy", "central", "round", 5));
        assertEquals((float) ((0.6000000000000001 + noise[0]) / 4), aggregate[0]);
        assertEquals((float) ((1.8 + noise[1]) / 4), aggregate[1], 1e-7);
        // the data-size weights (100 vs 1) play no part, and the order the uploads come in changes no bit
        DpFedAvg again = new DpFedAvg(1.0, 2.0, 4, SEEDS);
        again.beginRound(5, new float[2]);
        assertArrayEquals(aggregate, again.aggregate(List.of(new ClientUpdate(8, new float[] {0, 1}, 1), new ClientUpdate(3, new float[] {3, 4}, 100))));
        // another round, other noise
        again.beginRound(6, new float[2]);
        assertNotEquals(aggregate[0], again.aggregate(List.of(new ClientUpdate(3, new float[] {3, 4}, 100)))[0]);
    }

    @Test
    void dpFedAvgNoiseOnTheAverageIsZTimesSOverTheExpectedUploads() {
        // zero uploads leave only the noise: std z S / m = 3 x 0.5 / 10 = 0.15 per coordinate
        DpFedAvg rule = new DpFedAvg(0.5, 3.0, 10, SEEDS);
        rule.beginRound(1, new float[0]);
        float[] aggregate = rule.aggregate(List.of(new ClientUpdate(0, new float[50_000], 1)));
        double squares = 0;
        for (float v : aggregate) {
            squares += (double) v * v;
        }
        assertEquals(0.15, Math.sqrt(squares / aggregate.length), 0.002);
        assertThrows(IllegalStateException.class, () -> new DpFedAvg(1, 1, 1, SEEDS).aggregate(List.of(new ClientUpdate(0, new float[1], 1))));
    }

    @Test
    void localPrivacyClipsAndNoisesPerParticipantAndRound() {
        LocalPrivacy privacy = LocalPrivacy.of(new PrivacyConfig(PrivacyMode.LOCAL, 1.0, 0.5, 1e-5), SEEDS);
        float[] delta = {3, 4};
        float[] upload = privacy.apply(delta, 2, 3);
        double[] expected = {0.6000000000000001, 0.8};
        GaussianMechanism.addNoise(expected, 0.5, SEEDS.stream("privacy", 2, "round", 3, "local"));
        assertArrayEquals(new float[] {(float) expected[0], (float) expected[1]}, upload);
        assertArrayEquals(upload, privacy.apply(delta, 2, 3), "same participant and round, same bits");
        assertNotEquals(upload[0], privacy.apply(delta, 3, 3)[0], "another participant draws other noise");
        assertNotEquals(upload[0], privacy.apply(delta, 2, 4)[0], "another round draws other noise");
        assertArrayEquals(new float[] {3, 4}, delta, "the trained change is left as it was");
        // without the section, or in central mode, participants upload what they trained
        assertSame(delta, LocalPrivacy.of(null, SEEDS).apply(delta, 2, 3));
        assertSame(delta, LocalPrivacy.of(new PrivacyConfig(PrivacyMode.CENTRAL, 1.0, 0.5, 1e-5), SEEDS).apply(delta, 2, 3));
        assertTrue(!LocalPrivacy.NONE.enabled() && privacy.enabled());
    }
}
