package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attack matrix's run folder: "attack/defence" variants get a heatmap, a backdoor its success-rate column. */
class AttackMatrixRunTest {

    @Test
    void attackDefenceVariantsGetAHeatmapAndBackdoorRunsTheirSuccessRate(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("matrix");
        CliHarness.Result r = CliHarness.run("run", CliHarness.configs().resolve("attack-matrix.yaml").toString(), "--out", out.toString(),
                "--set", "rounds=1", "--set", "variants=["
                        + "{name: none/fedavg, set: {adversaries: []}},"
                        + "{name: backdoor/fedavg, set: {adversaries: [{type: backdoor, fraction: 0.2}]}},"
                        + "{name: backdoor/median, set: {adversaries: [{type: backdoor, fraction: 0.2}], scenario.aggregator: {type: median}}}]");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.size(out.resolve("heatmap.png")) > 0, "attack/defence variants get the heatmap");
        assertTrue(Files.size(out.resolve("heatmap.svg")) > 0, "as PNG and as SVG");
        List<String> backdoorRun = Files.readAllLines(out.resolve("backdoor_fedavg").resolve("metrics.csv"));
        List<String> header = List.of(backdoorRun.get(0).split(","));
        int successRate = header.indexOf("attack_success_rate");
        assertTrue(successRate > 0, backdoorRun.get(0));
        assertFalse(backdoorRun.get(1).split(",", -1)[successRate].isEmpty(), "the success rate is filled in: " + backdoorRun.get(1));
        assertFalse(Files.readAllLines(out.resolve("none_fedavg").resolve("metrics.csv")).get(0).contains("attack_success_rate"),
                "without a backdoor there is no success-rate column");
    }

    @Test
    void otherVariantNamesGetNoHeatmap(@TempDir Path dir) {
        Path out = dir.resolve("plain");
        CliHarness.Result r = CliHarness.run("run", CliHarness.configs().resolve("attack-small.yaml").toString(), "--out", out.toString(),
                "--set", "rounds=1", "--set", "variants=[{name: a, set: {seed: 1}}, {name: b, set: {seed: 2}}]");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.exists(out.resolve("heatmap.png")));
    }
}
