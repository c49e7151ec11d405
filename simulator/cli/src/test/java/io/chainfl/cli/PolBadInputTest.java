package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof-of-Learning's refusals, each one line with exit 2: the two checked up front by {@code validate} (a committee
 * larger than its pool, more trainers than participants) and the three that need the data or the adversaries and are
 * met when the run starts (validators' rows that would leave nothing to measure the winner on, a colluders' target that
 * is not a trainer, a validator id outside the pool); and validator ids and fractions counted against the pool, not
 * the participants (participant-wide checks once refused validator 8 of a pool of 10 in a 6-participant run).
 */
class PolBadInputTest {
    private static final String POL = CliHarness.configs().resolve("pol-committee.yaml").toString();

    /** A run announces itself on stderr before it meets the data; the refusal is then its one further line. */
    private static String runError(CliHarness.Result r) {
        assertEquals(2, r.exitCode(), "exit 2 for bad input; stderr: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        String[] lines = r.err().strip().split("\n");
        assertTrue(lines.length <= 2 && (lines.length == 1 || lines[0].startsWith("chainfl: running ")), r.err());
        return lines[lines.length - 1];
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
    }

    @Test
    void validateRefusesACommitteeLargerThanItsPoolAndTooManyTrainers() {
        String committee = BadInputTest.oneLineError(CliHarness.run("validate", "--quiet", POL, "--set", "scenario.committee=11"));
        assertContains(committee, "scenario.committee");
        assertContains(committee, "scenario.validator_pool (10)");
        String trainers = BadInputTest.oneLineError(CliHarness.run("validate", "--quiet", POL, "--set", "scenario.trainers=7"));
        assertContains(trainers, "scenario.trainers");
        assertContains(trainers, "participants (6)");
    }

    @Test
    void aRunRefusesValidatorRowsThatLeaveNoHeldOutRows(@TempDir Path out) {
        String message = runError(CliHarness.run("run", POL, "--out", out.resolve("rows").toString(),
                "--set", "rounds=1", "--set", "scenario.validator_rows=100000"));
        assertContains(message, "scenario.validator_pool x scenario.validator_rows = 1000000 rows");
        assertContains(message, "data.test_fraction");
    }

    @Test
    void aRunRefusesAColludersTargetThatIsNotATrainerAndAValidatorOutsideThePool(@TempDir Path dir) throws IOException {
        String base = Files.readString(Path.of(POL)).replaceAll("(?ms)^variants:.*", "") + "\n";
        Path target = dir.resolve("target.yaml");
        Files.writeString(target, base + "adversaries:\n  - {type: pol_colluding_validators, ids: [0, 1], target: 9}\n");
        String message = runError(CliHarness.run("run", target.toString(), "--out", dir.resolve("t").toString(), "--set", "rounds=1"));
        assertContains(message, "pol_colluding_validators.target 9 is not a trainer (0..5)");
        Path outside = dir.resolve("outside.yaml");
        Files.writeString(outside, base + "adversaries:\n  - {type: pol_lazy_validators, ids: [12]}\n");
        message = runError(CliHarness.run("run", outside.toString(), "--out", dir.resolve("o").toString(), "--set", "rounds=1"));
        assertContains(message, "validator id 12 is not in the pool (0..9)");
    }

    @Test
    void validatorIdsCountThePoolNotTheParticipants(@TempDir Path dir) throws IOException {
        // 6 participants, a pool of 10: validator 8 exists although participant 8 does not
        String base = Files.readString(Path.of(POL)).replaceAll("(?ms)^variants:.*", "") + "\n";
        Path config = dir.resolve("lazy8.yaml");
        Files.writeString(config, base + "adversaries:\n  - {type: pol_lazy_validators, ids: [8]}\n"
                + "  - {type: pol_colluding_validators, fraction: 0.8}\n  - {type: label_flip, fraction: 0.5}\n");
        CliHarness.Result r = CliHarness.run("validate", "--quiet", config.toString());
        assertEquals(0, r.exitCode(), r.err());
    }
}
