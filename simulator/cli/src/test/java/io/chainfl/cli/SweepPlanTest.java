package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.RunConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep block: expansion order, seeds, hashes, and one-line errors (exit 2) for whatever is wrong in it. */
class SweepPlanTest {

    private static List<SweepPlan.Point> expand(Path dir, String block, String... overrides) throws Exception {
        Path file = SweepFixtures.write(dir, block);
        return SweepPlan.expand(Configs.load(file, List.of(overrides)), file);
    }

    /** norm_clipping rather than krum as the third rule: krum needs 5 updates per round and the fixture has 4 participants. */
    @Test
    void expandsTheGridFirstKeySlowestSeedsFastest(@TempDir Path dir) throws Exception {
        List<SweepPlan.Point> points = expand(dir, """
                sweep:
                  grid:
                    adversaries.0.fraction: [0.0, 0.25]
                    scenario.aggregator.type: [fedavg, median, norm_clipping]
                  seeds: [1, 2]
                """);
        assertEquals(12, points.size());
        assertEquals(Map.of("adversaries.0.fraction", "0.0", "scenario.aggregator.type", "fedavg"), points.get(0).values());
        assertEquals(List.of(1L, 2L, 1L, 2L), points.subList(0, 4).stream().map(SweepPlan.Point::seed).toList());
        assertEquals("fraction=0.0,type=median,seed=2", points.get(3).label());
        assertEquals("fraction=0.25,type=norm_clipping,seed=2", points.get(11).label());
        RunConfig last = points.get(11).config();
        assertEquals(0.25, last.adversaries().get(0).fraction());
        assertEquals(2L, last.seed());
        assertTrue(Configs.loader().toYaml(last).contains("type: \"norm_clipping\"") || Configs.loader().toYaml(last).contains("type: norm_clipping"));
        assertTrue(last.sweep().isEmpty(), "a point has no sweep of its own");
        assertEquals(12, points.stream().map(SweepPlan.Point::folderName).distinct().count());
        assertTrue(points.get(3).folderName().startsWith("fraction=0.0_type=median_seed=2-"), points.get(3).folderName());
    }

    @Test
    void theHashIgnoresRuntimeAndOutputButNotResults(@TempDir Path dir) throws Exception {
        String block = "sweep: {grid: {training.lr: [0.1, 0.2]}}\n";
        List<SweepPlan.Point> plain = expand(dir, block);
        List<SweepPlan.Point> otherRuntime = expand(dir, block, "runtime.threads=3", "output.dir=elsewhere", "output.charts=false");
        List<SweepPlan.Point> otherRounds = expand(dir, block, "rounds=3");
        assertEquals(plain.get(1).hash(), otherRuntime.get(1).hash());
        assertNotEquals(plain.get(0).hash(), plain.get(1).hash());
        assertNotEquals(plain.get(1).hash(), otherRounds.get(1).hash());
        assertEquals(List.of(7L, 7L), plain.stream().map(SweepPlan.Point::seed).toList(), "no seeds: the config's seed");
    }

    @Test
    void repeatsDeriveSeedsFromTheConfigSeed(@TempDir Path dir) throws Exception {
        List<Long> seeds = expand(dir, "sweep: {repeats: 4}\n").stream().map(SweepPlan.Point::seed).toList();
        assertEquals(4, seeds.size());
        assertEquals(7L, seeds.get(0), "the first repeat is the config's own seed");
        assertEquals(4, seeds.stream().distinct().count());
        assertEquals(seeds, SweepPlan.repeatSeeds(7, 4), "derived the same way every time");
        assertNotEquals(seeds, SweepPlan.repeatSeeds(8, 4));
    }

    @Test
    void shortNamesTellKeysApart() {
        assertEquals(Map.of("adversaries.0.type", "0.type", "scenario.aggregator.type", "aggregator.type", "training.lr", "lr"),
                SweepPlan.shortNames(List.of("adversaries.0.type", "scenario.aggregator.type", "training.lr")));
    }

    private static String error(Path dir, String block) throws Exception {
        Path file = SweepFixtures.write(dir, block);
        CliHarness.Result r = CliHarness.run("sweep", file.toString(), "--out", dir.resolve("out").toString(), "--dry-run");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("chainfl: " + file), r.err());
        return r.err().strip();
    }

    @Test
    void anUnknownGridKeyNamesTheFileLineAndKey(@TempDir Path dir) throws Exception {
        String err = error(dir, """
                sweep:
                  grid:
                    training.lr: [0.1]
                    scenario.aggregatr.type: [median]
                """);
        assertTrue(err.contains(":15:5: sweep.grid.scenario.aggregatr.type: value median: "), err);
        assertTrue(err.contains("did you mean 'aggregator'"), err);
    }

    @Test
    void badGridValuesAndIndexesAreReportedAgainstTheirKey(@TempDir Path dir) throws Exception {
        String range = error(dir, "sweep: {grid: {adversaries.0.fraction: [0.1, 1.5]}}\n");
        assertTrue(range.contains("sweep.grid.adversaries.0.fraction: value 1.5: expected a value >= 0 and <= 1, got 1.5"), range);
        String index = error(dir, "sweep: {grid: {adversaries.3.fraction: [0.1]}}\n");
        assertTrue(index.contains("sweep.grid.adversaries.3.fraction: value 0.1: adversaries has 1 entries; indexes run from 0 to 0"), index);
        String empty = error(dir, "sweep: {grid: {training.lr: []}}\n");
        assertTrue(empty.contains("sweep.grid.training.lr: give a list of at least one value"), empty);
        String twice = error(dir, "sweep: {grid: {training.lr: [0.1, 0.1]}}\n");
        assertTrue(twice.contains("the value 0.1 is listed twice"), twice);
        String notAList = error(dir, "sweep: {grid: {training.lr: 0.1}}\n");
        assertTrue(notAList.contains("sweep.grid.training.lr: expected a list"), notAList);
    }

    @Test
    void seedsAndChartKeysAreChecked(@TempDir Path dir) throws Exception {
        assertTrue(error(dir, "sweep: {seeds: [1, 2], repeats: 3}\n").contains("give seeds: [..] or repeats: N, not both"));
        assertTrue(error(dir, "sweep: {grid: {seed: [1, 2]}}\n").contains("sweep.grid.seed: seeds are swept with sweep.seeds"));
        assertTrue(error(dir, "sweep: {grid: {training.lr: [0.1]}, chart: {x: lr}}\n")
                .contains("sweep.chart.x: expected round or a swept key (training.lr), got 'lr'"));
        assertTrue(error(dir, "sweep: {grid: {training.lr: [0.1]}, chart: {y: final_accuracy}}\n")
                .contains("sweep.chart.y: final_accuracy is one value per run; set sweep.chart.x to a swept key"));
        assertTrue(error(dir, "sweep: {grid: {training.lr: [0.1]}, chart: {y: elected}}\n").contains("sweep.chart.y: expected one of "));
        assertTrue(error(dir, "sweep: {grid: {training.lr: [0.1]}, chart: {facet: model.type}}\n").contains("sweep.chart.facet"));
        assertTrue(error(dir, "sweep: {grid: {training.lr: [0.1]}, chartt: {}}\n").contains("sweep.chartt: unknown key; did you mean 'chart'?"));
    }

    @Test
    void validateChecksTheSweepToo(@TempDir Path dir) throws Exception {
        Path good = SweepFixtures.write(dir, "sweep: {grid: {training.lr: [0.1, 0.2]}, repeats: 3}\n");
        CliHarness.Result ok = CliHarness.run("validate", good.toString(), "--quiet");
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.err().contains("(sweep: 6 points)"), ok.err());
        Path bad = SweepFixtures.write(dir, "sweep: {grid: {training.learning_rate: [0.1]}}\n");
        assertEquals(2, CliHarness.run("validate", bad.toString(), "--quiet").exitCode());
    }

    @Test
    void runRefusesAConfigWithASweep(@TempDir Path dir) throws Exception {
        Path file = SweepFixtures.write(dir, "sweep: {repeats: 2}\n");
        CliHarness.Result r = CliHarness.run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("has a sweep: block; run it with 'chainfl sweep "), r.err());
    }
}
