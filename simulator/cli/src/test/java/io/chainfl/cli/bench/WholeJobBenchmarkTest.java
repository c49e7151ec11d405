package io.chainfl.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole-job benchmark's bookkeeping: medians and what it reads from /proc (the timing itself is a command, not a test). */
class WholeJobBenchmarkTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, WholeJobBenchmark.median(new double[] {3.0, 1.0, 2.0}));
        assertEquals(2.5, WholeJobBenchmark.median(new double[] {4.0, 1.0, 3.0, 2.0}));
    }

    @Test
    void eachColumnTakesItsOwnMedian() {
        WholeJobBenchmark.Measured median = WholeJobBenchmark.median(List.of(
                new WholeJobBenchmark.Measured(10, 300, 9), new WholeJobBenchmark.Measured(12, 100, 7), new WholeJobBenchmark.Measured(11, 200, 8)));
        assertEquals(new WholeJobBenchmark.Measured(11, 200, 8), median);
    }

    @Test
    void readsPeakMemoryAndCpuOfALiveProcessAndNothingOfAGoneOne() {
        long self = ProcessHandle.current().pid();
        double peakKiB = WholeJobBenchmark.peakRssKiB(self);
        // a JVM that has loaded JUnit holds well over 10 MiB, and far less than a terabyte
        assertTrue(peakKiB > 10 * 1024 && peakKiB < 1024.0 * 1024 * 1024, "VmHWM " + peakKiB + " KiB");
        assertTrue(WholeJobBenchmark.cpuTicks(self) > 0, "this JVM has used CPU time");
        assertEquals(0, WholeJobBenchmark.peakRssKiB(Long.MAX_VALUE));
        assertEquals(0, WholeJobBenchmark.cpuTicks(Long.MAX_VALUE));
    }
}
