package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** chainfl sweep end to end on a tiny synthetic task: byte-identical tables whatever --jobs, resume, chart. */
class SweepRunTest {
    private static final String BLOCK = """
            sweep:
              grid:
                adversaries.0.fraction: [0.0, 0.5]
              seeds: [1, 2]
            """;

    private static CliHarness.Result sweep(Path file, Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("sweep", file.toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return r;
    }

    private static List<Path> runFolders(Path out) throws Exception {
        try (Stream<Path> list = Files.list(out)) {
            return list.filter(Files::isDirectory).sorted().toList();
        }
    }

    @Test
    void oneAndTwoJobsWriteIdenticalTables(@TempDir Path dir) throws Exception {
        Path file = SweepFixtures.write(dir, BLOCK);
        sweep(file, dir.resolve("one"), "--jobs", "1");
        CliHarness.Result two = sweep(file, dir.resolve("two"), "--jobs", "2");
        for (String table : new String[] {"sweep.csv", "sweep-summary.csv"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("one").resolve(table)), Files.readAllBytes(dir.resolve("two").resolve(table)),
                    table + " differs between --jobs 1 and --jobs 2");
        }
        List<String> rows = Files.readAllLines(dir.resolve("two").resolve("sweep.csv"));
        assertTrue(rows.get(0).startsWith("run,adversaries.0.fraction,seed,series,round,accuracy,loss,macro_f1,train_loss,"), rows.get(0));
        // 4 runs x (2 fedavg + 2 centralized rounds)
        assertEquals(1 + 4 * 4, rows.size());
        assertTrue(rows.get(1).contains(",0.0,1,fedavg,1,"), rows.get(1));
        assertTrue(rows.get(16).contains(",0.5,2,centralized,2,"), rows.get(16));
        List<String> summary = Files.readAllLines(dir.resolve("two").resolve("sweep-summary.csv"));
        assertEquals(5, summary.size());
        assertTrue(summary.get(0).startsWith("run,adversaries.0.fraction,seed,final_round_fedavg,final_accuracy_fedavg,best_accuracy_fedavg,"), summary.get(0));
        assertTrue(summary.get(0).contains(",ledger_txs_fedavg"), summary.get(0));
        assertNotEquals(rows.get(1).substring(rows.get(1).indexOf(",fedavg,")), rows.get(5).substring(rows.get(5).indexOf(",fedavg,")),
                "another seed gives other numbers");
        assertTrue(Files.size(dir.resolve("two").resolve("sweep-accuracy.png")) > 10_000, "the chart is drawn");
        assertTrue(two.out().contains("4 runs, 0 skipped"), two.out());
    }

    @Test
    void aRerunSkipsFinishedRunsAndRedoesAnInterruptedOne(@TempDir Path dir) throws Exception {
        Path file = SweepFixtures.write(dir, BLOCK + "  chart: {x: adversaries.0.fraction, y: final_accuracy}\n");
        Path out = dir.resolve("sweep");
        sweep(file, out, "--jobs", "2");
        List<Path> runs = runFolders(out);
        assertEquals(4, runs.size());
        byte[] table = Files.readAllBytes(out.resolve("sweep.csv"));
        byte[][] timings = new byte[4][];
        for (int i = 0; i < 4; i++) {
            timings[i] = Files.readAllBytes(runs.get(i).resolve("timing.csv"));
        }
        Files.delete(runs.get(2).resolve("summary.json"));
        Files.writeString(runs.get(2).resolve("metrics.csv.partial"), "left over by a killed run");

        CliHarness.Result again = sweep(file, out, "--jobs", "2");
        assertTrue(again.err().contains("1 to run, 3 already finished"), again.err());
        assertTrue(again.out().contains("4 runs, 3 skipped"), again.out());
        assertTrue(Files.exists(runs.get(2).resolve("summary.json")), "the interrupted run is finished now");
        assertFalse(Files.exists(runs.get(2).resolve("metrics.csv.partial")), "its leftovers are gone");
        for (int i : new int[] {0, 1, 3}) {
            assertArrayEquals(timings[i], Files.readAllBytes(runs.get(i).resolve("timing.csv")), runs.get(i) + " was not run again");
        }
        assertArrayEquals(table, Files.readAllBytes(out.resolve("sweep.csv")), "the redone run gives the same rows");
        assertTrue(Files.size(out.resolve("sweep-final_accuracy.png")) > 10_000);

        CliHarness.Result forced = sweep(file, out, "--jobs", "2", "--force");
        assertTrue(forced.out().contains("4 runs, 0 skipped"), forced.out());

        CliHarness.Result changed = sweep(file, out, "--jobs", "2", "--set", "rounds=3");
        assertTrue(changed.out().contains("4 runs, 0 skipped"), "another config is another hash: " + changed.out());
        assertEquals(8, runFolders(out).size());
    }

    @Test
    void variantsRunInsideEveryPoint(@TempDir Path dir) throws Exception {
        Path file = SweepFixtures.write(dir, """
                variants: [{name: mean, set: {scenario.aggregator.type: fedavg}}, {name: median, set: {scenario.aggregator.type: median}}]
                sweep: {grid: {adversaries.0.fraction: [0.0, 0.5]}, chart: {facet: adversaries.0.fraction}}
                """);
        Path out = dir.resolve("sweep");
        sweep(file, out, "--jobs", "2");
        List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
        // 2 points x (2 variants + centralized) x 2 rounds
        assertEquals(1 + 2 * 3 * 2, rows.size());
        assertTrue(rows.stream().anyMatch(r -> r.contains(",0.5,7,median,2,")), String.join("\n", rows));
        assertTrue(Files.exists(out.resolve("sweep-accuracy.png")));
    }
}
