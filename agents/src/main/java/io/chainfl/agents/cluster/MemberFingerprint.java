package io.chainfl.agents.cluster;

import io.chainfl.engine.config.RunConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of every setting that decides what a participant is and does (seed, participants, data, model,
 * training, scenario, adversaries), so the driver can refuse members started with another config. Settings
 * that never change results (threads, output) are left out.
 */
public final class MemberFingerprint {
    private MemberFingerprint() {}

    public static String of(RunConfig config) {
        // records print every component, nested records and lists included, in declaration order
        String text = "seed=" + config.seed() + "\nparticipants=" + config.participants() + "\ndata=" + config.data()
                + "\nmodel=" + config.model() + "\ntraining=" + config.training() + "\nscenario=" + config.scenario()
                + "\nadversaries=" + config.adversaries();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
