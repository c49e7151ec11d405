package io.chainfl.learning.privacy;

import io.chainfl.engine.config.PrivacyConfig;
import io.chainfl.engine.config.PrivacyMode;
import io.chainfl.engine.seed.SeedStreams;

/**
 * Local differential privacy of one participant's upload: its update clipped to {@code clipNorm}, plus Gaussian noise of
 * std {@code noiseMultiplier x clipNorm} per coordinate, drawn from the stream (privacy, participant, round, local), so
 * the upload is the same whichever thread, JVM or resumed run computes it. Applied by the participant before anything
 * else sees the update (before SecCL's sparsification, before DeepChain's encryption); a model-poisoning conduct
 * rewrites the result afterwards, since an attacker does not follow the protocol.
 */
public final class LocalPrivacy {
    /** No clipping and no noise: the update as trained. */
    public static final LocalPrivacy NONE = new LocalPrivacy(0, 0, null);

    private final double clipNorm;
    private final double noiseMultiplier;
    private final SeedStreams seeds;

    private LocalPrivacy(double clipNorm, double noiseMultiplier, SeedStreams seeds) {
        this.clipNorm = clipNorm;
        this.noiseMultiplier = noiseMultiplier;
        this.seeds = seeds;
    }

    public static LocalPrivacy of(double clipNorm, double noiseMultiplier, SeedStreams seeds) {
        if (!(clipNorm > 0) || !(noiseMultiplier > 0)) {
            throw new IllegalArgumentException("local DP needs a positive clip norm and noise multiplier, got " + clipNorm + " and " + noiseMultiplier);
        }
        return new LocalPrivacy(clipNorm, noiseMultiplier, seeds);
    }

    /** What a run's participants apply: {@link #NONE} without a privacy section or in central mode (the server noises then). */
    public static LocalPrivacy of(PrivacyConfig privacy, SeedStreams seeds) {
        if (privacy == null || privacy.mode() != PrivacyMode.LOCAL) {
            return NONE;
        }
        return of(privacy.clipNorm(), privacy.noiseMultiplier(), seeds);
    }

    public boolean enabled() {
        return seeds != null;
    }

    /** The participant's upload for {@code round}: {@code delta} itself when disabled. */
    public float[] apply(float[] delta, int participantId, int round) {
        if (!enabled()) {
            return delta;
        }
        return GaussianMechanism.clipAndNoise(delta, clipNorm, noiseMultiplier * clipNorm, seeds.stream("privacy", participantId, "round", round, "local"));
    }
}
