package io.chainfl.cli;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coalition attacks that draw (fang) and remember (mimic) on three JVMs give the bytes of one: the coalition runs
 * with the server on the driver, its streams are named by participant and round, and the participants it replaces
 * train where sharding puts them.
 */
class NewAttacksClusterTest {
    @Test
    @Timeout(240)
    void fangMimicAndMinSumOnThreeJvmsGiveTheSameResultsAsOne(@TempDir Path dir) throws Exception {
        ClusterHarness cluster = new ClusterHarness(CliHarness.configs().resolve("cluster-small.yaml"));
        List<String> overrides = List.of("rounds=3", "scenario.aggregator={type: median}",
                "adversaries=[{type: fang, ids: [1, 2], b: 3}, {type: mimic, ids: [4, 5], warmup_rounds: 2}, {type: min_sum, ids: [7]}]");
        Path one = cluster.runHere(dir, overrides);
        Path three = cluster.runOnThreeJvms(dir, overrides, 0, null);
        ClusterHarness.assertSameResults(one, three);
    }
}
