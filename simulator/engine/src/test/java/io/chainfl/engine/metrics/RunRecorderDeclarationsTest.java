package io.chainfl.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder writes exactly the declared metrics and refuses rows that do not match their series' declaration. */
class RunRecorderDeclarationsTest {
    private static final Metric ELECTED = new Metric("elected", "uploads", "uploads applied");
    private static final Metric TXS = new Metric("ledger_txs", "transactions", "transactions of the round");

    private static MetricDeclarations declarations() {
        return MetricDeclarations.builder().series("proto", List.of(TXS, ELECTED)).series("centralized", List.of()).build();
    }

    private static RoundMetrics row(String series, int round, Map<String, Double> extra) {
        return new RoundMetrics(series, round, 0.5, 1.0, 0.4, 0.9, new TreeMap<>(extra));
    }

    @Test
    void writesDeclaredColumnsInOrderAndLeavesTheBaselinesCellsEmpty(@TempDir Path dir) throws IOException {
        try (RunRecorder recorder = new RunRecorder(dir, declarations())) {
            recorder.onRound(row("proto", 1, Map.of("elected", 2.0, "ledger_txs", 7.0)));
            recorder.onRound(row("centralized", 1, Map.of()));
            recorder.complete();
        }
        assertEquals(List.of("series,round,accuracy,loss,macro_f1,train_loss,ledger_txs,elected",
                "proto,1,0.5,1.0,0.4,0.9,7.0,2.0",
                "centralized,1,0.5,1.0,0.4,0.9,,"), Files.readAllLines(dir.resolve(RunRecorder.METRICS)));
    }

    @Test
    void refusesAnUndeclaredMetric(@TempDir Path dir) {
        try (RunRecorder recorder = new RunRecorder(dir, declarations())) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> recorder.onRound(row("proto", 3, Map.of("elected", 2.0, "ledger_txs", 7.0, "detections", 1.0))));
            assertEquals("series proto, round 3: metric detections is not declared by the series", e.getMessage());
            assertThrows(IllegalStateException.class, () -> recorder.onRound(row("centralized", 1, Map.of("elected", 1.0))),
                    "a series declaring none takes none");
        }
    }

    @Test
    void refusesAMissingMetricAndAnUndeclaredSeries(@TempDir Path dir) {
        try (RunRecorder recorder = new RunRecorder(dir, declarations())) {
            IllegalStateException missing = assertThrows(IllegalStateException.class, () -> recorder.onRound(row("proto", 2, Map.of("ledger_txs", 7.0))));
            assertEquals("series proto, round 2: declared metric elected is missing", missing.getMessage());
            IllegalStateException series = assertThrows(IllegalStateException.class, () -> recorder.onRound(row("other", 4, Map.of())));
            assertTrue(series.getMessage().startsWith("series other, round 4: the series declares no metrics"), series.getMessage());
        }
    }

    @Test
    void oneNameCannotMeanTwoThings() {
        assertThrows(IllegalArgumentException.class, () -> MetricDeclarations.builder().series("a", List.of(TXS))
                .series("b", List.of(new Metric("ledger_txs", "transactions", "transactions so far"))).build());
    }
}
