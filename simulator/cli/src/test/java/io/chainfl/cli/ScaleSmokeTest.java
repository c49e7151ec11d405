package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.Deployment;
import io.chainfl.engine.config.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale benchmark's 1,000-participant case as a smoke test: it runs, and memory stays per-participant small. No timing. */
class ScaleSmokeTest {

    @Test
    void aThousandParticipantsRunWithSamplingAndLittleMemoryEach(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("scale-1000.yaml");
        Files.writeString(config, ScaleBenchmark.configYaml(1000, 3, 0.05));
        Path out = dir.resolve("run");
        CliHarness.Result r = CliHarness.run("run", config.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        // only the sampled participants are written: 50 a round
        assertEquals(1 + 3 * 50, Files.readAllLines(out.resolve("participants.csv")).size());

        RunConfig parsed = Configs.loader().parse("scale-1000.yaml", ScaleBenchmark.configYaml(1000, 3, 0.05), List.of());
        ScaleBenchmark.Measurement m = ScaleBenchmark.measure(parsed, Deployment.LOCAL);
        assertEquals(50, m.perRound());
        // a participant's data is 45 training and 5 validation samples of 100 floats (20 kB); models are per thread, not per participant
        assertTrue(m.heapBytes() < 48 * 1024, "heap per participant " + m.heapBytes());
    }
}
