package io.chainfl.reports;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.privacy.PrivacyAccountant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Final accuracy against epsilon: a point per private variant, a dashed line for the one without DP, as PNG and SVG. */
class PrivacyChartTest {

    private static RoundMetrics last(double accuracy, Double epsilon) {
        java.util.TreeMap<String, Double> extra = new java.util.TreeMap<>();
        if (epsilon != null) {
            extra.put(PrivacyAccountant.COLUMN, epsilon);
        }
        return new RoundMetrics("v", 8, accuracy, 1, accuracy, 1, extra);
    }

    @Test
    void drawsOnePointPerPrivateVariantAndALineForTheOthers(@TempDir Path dir) throws Exception {
        Map<String, RoundMetrics> rows = new LinkedHashMap<>();
        rows.put("no DP", last(0.856, null));
        rows.put("central z=1", last(0.683, 10.3));
        rows.put("central z=4", last(0.252, 1.64));
        assertTrue(PrivacyChart.applies(rows));
        Path png = PrivacyChart.writePng(rows, "dp: final test accuracy against epsilon", 42, dir.resolve("privacy.png"));
        assertTrue(Files.size(png) > 1000);
        Set<String> texts = ChartSvgTest.texts(ChartSvgTest.parse(dir.resolve("privacy.svg")));
        assertTrue(texts.stream().anyMatch(t -> t.contains("central z=1")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.contains("no DP")), "the reference line is labelled: " + texts);
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("Epsilon after the last round")), texts.toString());
    }

    @Test
    void onePrivateVariantIsNoTradeOff() {
        Map<String, RoundMetrics> rows = new LinkedHashMap<>();
        rows.put("no DP", last(0.856, null));
        rows.put("central z=1", last(0.683, 10.3));
        assertFalse(PrivacyChart.applies(rows));
    }
}
