package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.checkpoint.RunInterrupted;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.run.RunFolder;
import io.chainfl.scenarios.run.RunHooks;
import io.chainfl.scenarios.run.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules that remember earlier rounds (FoolsGold's histories, centered clipping's center, here also under bucketing's
 * {@code then:}) keep that memory in the fedavg checkpoint: a run stopped after round 2 and resumed writes the same
 * metrics.csv and events.csv as an uninterrupted one. Without the aggregator's sections in the state the resumed
 * rounds would start from empty histories or a zero center and their accuracy would differ.
 */
class AggregatorResumeTest {
    @ParameterizedTest
    @ValueSource(strings = {"{type: foolsgold, confidence: 0.2}", "{type: bucketing, bucket_size: 2, then: {type: centered_clipping, tau: 0.5}}"})
    void aResumedRunAggregatesAsAnUninterruptedOne(String aggregator, @TempDir Path dir) throws Exception {
        RunConfig config = ScenarioRunner.load("attack-small.yaml", "rounds=4", "scenario.aggregator=" + aggregator,
                "adversaries=[{type: sybil, count: 4, boost: 5}]");
        RunFolder whole = new RunFolder(dir.resolve("whole"));
        Simulation.prepare(config, whole, false);
        Simulation.local("test").run(config, whole, RunHooks.NONE);

        RunFolder resumed = new RunFolder(dir.resolve("resumed"));
        Simulation.prepare(config, resumed, false);
        AtomicInteger checkpoints = new AtomicInteger();
        assertThrows(RunInterrupted.class, () -> new Simulation(null, () -> checkpoints.incrementAndGet() == 2, "test").run(config, resumed, RunHooks.NONE));
        String state = Files.list(resumed.dir().resolve("checkpoint")).map(p -> p.getFileName().toString()).filter(n -> n.startsWith("state-"))
                .findFirst().orElseThrow();
        assertTrue(new String(Files.readAllBytes(resumed.dir().resolve("checkpoint").resolve(state)), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("aggregator/"), "the checkpoint holds the aggregator's state");
        Simulation.local("test").resume(config, resumed, Simulation.checkpointToResume(config, resumed), RunHooks.NONE);
        assertEquals(Files.readString(whole.metrics()), Files.readString(resumed.metrics()));
        assertEquals(Files.readString(whole.dir().resolve(RunFolder.EVENTS)), Files.readString(resumed.dir().resolve(RunFolder.EVENTS)));
    }
}
