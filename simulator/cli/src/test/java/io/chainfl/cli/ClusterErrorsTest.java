package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad cluster input is one line and exit code 2, like every other bad input. */
class ClusterErrorsTest {

    @Test
    void missingMembersAreNamedAfterTheJoinTimeout(@TempDir Path dir) {
        int port = ChildJvm.freePorts(1)[0];
        CliHarness.Result r = CliHarness.run("run", CliHarness.configs().resolve("cluster-small.yaml").toString(), "--cluster",
                "--port", String.valueOf(port), "--members", "3", "--join-timeout", "3", "--out", dir.resolve("run").toString());
        assertEquals(2, r.exitCode(), r.err());
        String error = r.err().lines().filter(l -> l.startsWith("chainfl: cluster: ")).findFirst().orElseThrow(() -> new AssertionError(r.err()));
        assertTrue(error.contains("1 of 3 members Up"), error);
        assertTrue(error.contains("127.0.0.1:" + port), "names the members seen: " + error);
        assertTrue(error.contains("chainfl node --seed-nodes 127.0.0.1:" + port), "says what to start: " + error);
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug");
        assertFalse(Files.exists(dir.resolve("run/summary.json")));
    }

    @Test
    void scenariosThatRunInOneJvmOnlySaySo() {
        // the centralized baseline has no participants to place
        CliHarness.Result r = CliHarness.run("run", CliHarness.configs().resolve("cluster-small.yaml").toString(), "--cluster",
                "--set", "scenario={type: centralized}");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("scenario.type centralized runs in one JVM only; clustered runs support scenario.type: fedavg, seccl, deepchain, sum"), r.err());
    }

    /** SecCL runs clustered; a sweep of its variants does not: the line says how to run one of them. */
    @Test
    void aConfigWithVariantsSaysToRunOneVariant() {
        CliHarness.Result r = CliHarness.run("run", CliHarness.configs().resolve("seccl-feasibility.yaml").toString(), "--cluster");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("a config with variants runs in one JVM only; run one variant with --cluster (--set ...)"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void malformedSeedNodesAreNamed() {
        CliHarness.Result r = CliHarness.run("node", "--config", CliHarness.configs().resolve("cluster-small.yaml").toString(),
                "--seed-nodes", "127.0.0.1");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--seed-nodes: '127.0.0.1' is not host:port"), r.err());
    }
}
