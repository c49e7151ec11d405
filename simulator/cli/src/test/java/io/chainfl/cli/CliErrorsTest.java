package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends in exit code 2 and one line naming the file, key or option, without a stack trace. */
class CliErrorsTest {

    private static void assertOneLineError(CliHarness.Result r, String expectedStart) {
        assertEquals(2, r.exitCode(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line, got: " + r.err());
        assertTrue(lines[0].startsWith(expectedStart), lines[0]);
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void unknownKeyInConfig(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "scenario: {type: fedavg}\ntraining:\n  learning_rate: 0.1\n");
        CliHarness.Result r = CliHarness.run("validate", cfg.toString());
        assertOneLineError(r, "chainfl: " + cfg + ":3:3: training.learning_rate: unknown key;");
    }

    @Test
    void outOfRangeOverride() {
        CliHarness.Result r = CliHarness.run("validate", CliHarness.configs().resolve("quickstart.yaml").toString(), "--set", "rounds=0");
        assertOneLineError(r, "chainfl: --set rounds: expected a value >= 1");
    }

    @Test
    void missingConfigFile() {
        assertOneLineError(CliHarness.run("run", "no/such/file.yaml"), "chainfl: no/such/file.yaml: no such file");
    }

    @Test
    void missingIdxDirectoryNamesThePath(@TempDir Path dir) {
        CliHarness.Result r = CliHarness.run("run", CliHarness.configs().resolve("quickstart.yaml").toString(), "--out", dir.resolve("run").toString(),
                "--set", "data.source=idx", "--set", "data.path=" + dir.resolve("nowhere"));
        assertOneLineError(r, "chainfl: ");
        assertTrue(r.err().contains(dir.resolve("nowhere").toString()), r.err());
    }

    @Test
    void debugShowsTheStackTrace(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "scenario: {type: fedavg}\nrounds: many\n");
        CliHarness.Result r = CliHarness.run("validate", "--debug", cfg.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void unknownOptionIsBadInput() {
        CliHarness.Result r = CliHarness.run("run", "--sed", "3");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--sed"), r.err());
    }

    @Test
    void validateAcceptsEveryShippedConfig() throws Exception {
        try (var files = Files.list(CliHarness.configs())) {
            for (Path cfg : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                CliHarness.Result r = CliHarness.run("validate", "--quiet", cfg.toString());
                assertEquals(0, r.exitCode(), cfg + ": " + r.err());
            }
        }
    }

    @Test
    void schemaIsJsonWithScenarioTypes() throws Exception {
        CliHarness.Result r = CliHarness.run("schema");
        assertEquals(0, r.exitCode());
        var schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        java.util.List<String> types = new java.util.ArrayList<>();
        schema.at("/properties/scenario/oneOf").forEach(v -> types.add(v.at("/properties/type/const").asText()));
        assertTrue(types.contains("fedavg") && types.contains("centralized"), types.toString());
    }

    @Test
    void helpExplainsCommands() {
        CliHarness.Result r = CliHarness.run("--help");
        assertEquals(0, r.exitCode());
        for (String command : new String[] {"run", "validate", "schema", "data", "bench", "list"}) {
            assertTrue(r.out().contains("  " + command), "help lists " + command);
        }
    }
}
