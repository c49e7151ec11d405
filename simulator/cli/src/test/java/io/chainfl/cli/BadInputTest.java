package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code validate} (and so {@code run}, which loads the same way) refuses up front: numbers for names, keys
 * with no value, too few participants for an aggregator, DeepChain thresholds above the parties, missing data
 * files, ambiguous adversary fractions; and the one-line message of a broken checkpoint manifest.
 */
class BadInputTest {
    private static final String QUICKSTART = CliHarness.configs().resolve("quickstart.yaml").toString();

    static String oneLineError(CliHarness.Result r) {
        assertEquals(2, r.exitCode(), "exit 2 for bad input; stderr: " + r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line, got: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(lines[0].startsWith("chainfl: "), lines[0]);
        return lines[0];
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
    }

    private static String validate(String... args) {
        List<String> all = new ArrayList<>(List.of("validate", "--quiet"));
        all.addAll(List.of(args));
        return oneLineError(CliHarness.run(all.toArray(String[]::new)));
    }

    private static void assertValid(String... args) {
        List<String> all = new ArrayList<>(List.of("validate", "--quiet"));
        all.addAll(List.of(args));
        CliHarness.Result r = CliHarness.run(all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void numbersAreRefusedForNamesOnTheCommandLine() {
        String message = validate(QUICKSTART, "--set", "model.type=2");
        assertEquals("chainfl: --set model.type: expected one of softmax, mlp, cnn, got the number 2; give the name, not its position", message);
        assertContains(validate(QUICKSTART, "--set", "data.partition.type=3"), "iid, dirichlet, shards, quantity");
        assertContains(validate(CliHarness.configs().resolve("sum-deposit.yaml").toString(), "--set", "scenario.model=0"), "perceptron, online_softmax");
    }

    /**
     * Every enum of the JSON schema ({@code chainfl schema}), given a number in a file: refused with the key and the names.
     * Polymorphic sections get their {@code type}, list items a one-entry list, so the number is the only problem.
     */
    @Test
    void everyEnumOfTheSchemaRefusesANumber(@TempDir Path dir) throws Exception {
        CliHarness.Result schemaRun = CliHarness.run("schema");
        assertEquals(0, schemaRun.exitCode(), schemaRun.err());
        JsonNode schema = new ObjectMapper().readTree(schemaRun.out());
        List<Map.Entry<List<String>, ObjectNode>> cases = new ArrayList<>();
        collectEnums(schema, new ArrayList<>(), JsonNodeFactory.instance.objectNode(), cases);
        assertTrue(cases.size() >= 15, "the schema's enums were found: " + cases.size());
        for (Map.Entry<List<String>, ObjectNode> c : cases) {
            ObjectNode config = c.getValue();
            if (!config.has("scenario")) {
                config.putObject("scenario").put("type", "fedavg");
            }
            Path file = dir.resolve("enum-" + String.join("-", c.getKey()).replaceAll("[^a-z0-9_-]", "") + ".yaml");
            Files.writeString(file, config.toPrettyString());
            String message = oneLineError(CliHarness.run("validate", "--quiet", file.toString()));
            String key = String.join(".", c.getKey());
            assertTrue(message.startsWith("chainfl: " + file + ":"), message);
            assertTrue(message.contains(key + ": expected one of ") && message.contains("got the number 1; give the name"), key + " -> " + message);
        }
    }

    /** Builds, for each enum, a config holding the number 1 at its place; {@code key} is the dotted path a message names. */
    private static void collectEnums(JsonNode node, List<String> key, ObjectNode config, List<Map.Entry<List<String>, ObjectNode>> out) {
        if (node.has("oneOf")) {
            for (JsonNode branch : node.get("oneOf")) {
                ObjectNode copy = config.deepCopy();
                String type = branch.path("properties").path("type").path("const").asText(null);
                if (type == null && branch.path("properties").path("type").has("enum")) {
                    type = branch.path("properties").path("type").path("enum").get(0).asText();
                }
                if (type != null) {
                    at(copy, key).put("type", type);
                }
                collectEnums(branch, key, copy, out);
            }
            return;
        }
        if (node.has("enum")) {
            if (isPolymorphicType(config, key)) {
                return;
            }
            ObjectNode copy = config.deepCopy();
            List<String> parent = key.subList(0, key.size() - 1);
            at(copy, parent).put(key.get(key.size() - 1), 1);
            out.add(Map.entry(List.copyOf(key), copy));
            return;
        }
        node.path("properties").fields().forEachRemaining(p -> {
            List<String> child = new ArrayList<>(key);
            child.add(p.getKey());
            collectEnums(p.getValue(), child, config, out);
        });
        if (node.has("items") && !key.isEmpty()) {
            // a one-entry list: the entry's keys are addressed as key[0]
            List<String> entry = new ArrayList<>(key.subList(0, key.size() - 1));
            entry.add(key.get(key.size() - 1) + "[0]");
            collectEnums(node.get("items"), entry, config, out);
        }
    }

    /** A {@code type} already set by a oneOf branch selects the record; it is not an enum to test. */
    private static boolean isPolymorphicType(ObjectNode config, List<String> key) {
        return key.get(key.size() - 1).equals("type") && at(config.deepCopy(), key.subList(0, key.size() - 1)).has("type");
    }

    /** The object at a dotted path ({@code name[0]} for a list's first entry), created as needed. */
    private static ObjectNode at(ObjectNode root, List<String> key) {
        ObjectNode node = root;
        for (String part : key) {
            if (part.endsWith("[0]")) {
                String name = part.substring(0, part.length() - 3);
                if (!node.has(name)) {
                    node.putArray(name).addObject();
                }
                node = (ObjectNode) node.get(name).get(0);
            } else {
                node = node.has(part) ? (ObjectNode) node.get(part) : node.putObject(part);
            }
        }
        return node;
    }

    @Test
    void stringsRefuseNumbersAndBooleans() {
        assertEquals("chainfl: --set output.dir: expected a string, got the number 2.5", validate(QUICKSTART, "--set", "output.dir=2.5"));
        assertEquals("chainfl: --set name: expected a string, got true", validate(QUICKSTART, "--set", "name=true"));
    }

    @Test
    void aKeyWithNoValueIsRefusedNamingItsDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty.yaml");
        Files.writeString(file, "scenario: {type: fedavg}\nrounds:\n");
        assertEquals("chainfl: " + file + ":2:1: rounds: has no value; give one or delete the line to use the default 10", validate(file.toString()));
        Files.writeString(file, "scenario: {type: fedavg}\nmodel:\n  type:\n");
        assertTrue(validate(file.toString()).endsWith(":3:3: model.type: has no value; give one or delete the line to use the default softmax"));
        Files.writeString(file, "scenario: {type: fedavg}\nmodel:\n  hidden:\n    - 64\n    -\n");
        assertContains(validate(file.toString()), "model.hidden[1]: empty list entry");
        Files.writeString(file, "scenario: {type: fedavg}\nname: \"\"\n");
        assertValid(file.toString());
    }

    @Test
    void aggregatorsWithTooFewParticipantsAreRefusedUpFront() {
        assertEquals("chainfl: --set scenario.aggregator: krum needs 5 updates per round (n > 2f + 2 with f = 1), got 1; set participants to at least 5"
                        + " or lower scenario.aggregator's f",
                validate(QUICKSTART, "--set", "participants=1", "--set", "scenario.aggregator={type: krum}"));
        assertContains(validate(QUICKSTART, "--set", "participants=3", "--set", "scenario.aggregator={type: bulyan}"),
                "bulyan needs 7 updates per round (n >= 4f + 3 with f = 1), got 3; set participants to at least 7");
        // client sampling: 20 participants at 0.25 sample 5 per round; bulyan f = 1 needs 7 = ceil(0.25 * 25), so 25 at this fraction
        assertContains(validate(QUICKSTART, "--set", "participants=20", "--set", "scenario.sample_fraction=0.25", "--set", "scenario.aggregator={type: bulyan}"),
                "got 5 (scenario.sample_fraction 0.25 samples 5 of 20 per round); set participants to at least 25 at this sample_fraction");
        assertContains(validate(QUICKSTART, "--set", "participants=24", "--set", "scenario.sample_fraction=0.25", "--set", "scenario.aggregator={type: bulyan}"),
                "got 6 (");
        assertValid(QUICKSTART, "--set", "participants=25", "--set", "scenario.sample_fraction=0.25", "--set", "scenario.aggregator={type: bulyan}");
        assertValid(QUICKSTART, "--set", "participants=7", "--set", "scenario.aggregator={type: bulyan}");
        assertContains(validate(QUICKSTART, "--set", "participants=10", "--set", "scenario.aggregator={type: multi_krum, f: 1, m: 10}"), "multi_krum needs 11 updates per round (n >= m + f with m = 10, f = 1), got 10");
        assertTrue(validate(QUICKSTART, "--set", "participants=4", "--set", "scenario.aggregator={type: trimmed_mean, f: 2}")
                .contains("trimmed_mean needs 5 updates per round (n > 2f with f = 2), got 4; set participants to at least 5"));
        assertValid(QUICKSTART, "--set", "participants=2", "--set", "scenario.aggregator={type: trimmed_mean, beta: 0.4}");
    }

    @Test
    void composedRulesCountWhatTheirInnerRuleNeedsAndBadParamsAreOneLine() {
        // buckets of 4 under krum f = 2: 7 bucket means, ceil(n / 4) >= 7, so n >= 25
        assertContains(validate(QUICKSTART, "--set", "participants=20", "--set", "scenario.aggregator={type: bucketing, bucket_size: 4, then: {type: krum, f: 2}}"),
                "bucketing needs 25 updates per round (7 bucket means for krum (n > 2f + 2 with f = 2) from buckets of 4), got 20; set participants to at least 25");
        assertValid(QUICKSTART, "--set", "participants=25", "--set", "scenario.aggregator={type: bucketing, bucket_size: 4, then: {type: krum, f: 2}}");
        assertContains(validate(QUICKSTART, "--set", "scenario.aggregator={type: nnm, f: 2, then: {type: krum, f: 4}}"),
                "nnm needs 11 updates per round (n > 2f + 2 with f = 4 (then: krum)), got 10");
        assertContains(validate(QUICKSTART, "--set", "participants=4", "--set", "scenario.aggregator={type: dnc, f: 4}"),
                "dnc needs 5 updates per round (n > floor(c f) with c = 1.0, f = 4), got 4");
        assertContains(validate(QUICKSTART, "--set", "scenario.aggregator={type: nnm, then: {type: mean}}"),
                "scenario.aggregator.then.type): unknown type 'mean'; did you mean 'median'?");
        assertContains(validate(QUICKSTART, "--set", "scenario.aggregator={type: flame, noise_lambda: -1}"),
                "scenario.aggregator.noise_lambda): expected a value >= 0 and <= 1000000, got -1");
        assertContains(validate(QUICKSTART, "--set", "scenario.aggregator={type: geometric_median, max_iterations: 0}"),
                "scenario.aggregator.max_iterations): expected a value >= 1");
    }

    @Test
    void aVariantThatBreaksARuleIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("variants.yaml");
        Files.writeString(file, "scenario: {type: fedavg, aggregator: {type: krum}}\nparticipants: 8\nvariants:\n  - {name: many, set: {participants: 8}}\n"
                + "  - {name: few, set: {participants: 4}}\n");
        assertContains(validate(file.toString()), "variants: 'few' (with the file's other keys): scenario.aggregator: krum needs 5 updates per round");
        Files.writeString(file, "scenario: {type: fedavg}\nvariants:\n  - {name: typo, set: {training.lr: many}}\n");
        assertEquals("chainfl: variants: 'typo' sets training.lr: expected a number, got \"many\"", validate(file.toString()));
    }

    @Test
    void aRunRefusesTooFewParticipantsBeforeItStarts(@TempDir Path dir) {
        CliHarness.Result r = CliHarness.run("run", QUICKSTART, "--out", dir.resolve("run").toString(),
                "--set", "participants=3", "--set", "scenario.aggregator={type: bulyan}");
        assertTrue(oneLineError(r).contains("bulyan needs 7 updates per round"), r.err());
        assertFalse(Files.exists(dir.resolve("run")), "nothing written");
    }

    @Test
    void deepChainThresholdAboveThePartiesIsRefused() {
        String deepchain = CliHarness.configs().resolve("deepchain-parties.yaml").toString();
        assertContains(validate(deepchain, "--set", "participants=4", "--set", "scenario.threshold=5"), "scenario.threshold: 5 exceeds the number of parties (participants) 4");
        assertContains(validate(deepchain, "--set", "participants=4", "--set", "scenario.silent_parties=[4]"), "scenario.silent_parties: id 4 does not exist");
    }

    @Test
    void dataPathsMustExist(@TempDir Path dir) throws Exception {
        String missing = dir.resolve("nowhere").toString();
        assertTrue(validate(QUICKSTART, "--set", "data.source=idx", "--set", "data.path=" + missing)
                .contains("data.path: '" + missing + "' does not exist; give the directory holding the train-/t10k- IDX files"));
        assertContains(validate(QUICKSTART, "--set", "data.source=csv"), "data.source csv needs data.path");
        assertContains(validate(QUICKSTART, "--set", "data.source=csv", "--set", "data.path=" + dir), "is not a file");
        String sum = CliHarness.configs().resolve("sum-deposit.yaml").toString();
        assertContains(validate(sum, "--set", "scenario.task={type: csv_text, path: " + missing + "}"), "(scenario.task.path): '" + missing + "' is not a file");
    }

    @Test
    void differentAdversaryFractionsAboveOneAreRefusedEqualOnesStack() {
        assertContains(validate(QUICKSTART, "--set", "adversaries=[{type: label_flip, fraction: 0.6}, {type: sign_flip, fraction: 0.5}]"), "(adversaries[1].fraction): different fractions sum to 1.1 > 1");
        assertValid(QUICKSTART, "--set", "adversaries=[{type: label_flip, fraction: 0.6}, {type: sign_flip, fraction: 0.6}]");
        assertValid(QUICKSTART, "--set", "adversaries=[{type: label_flip, fraction: 0.6}, {type: sign_flip, fraction: 0.3}]");
        assertContains(validate(QUICKSTART, "--set", "adversaries=[{type: label_flip, ids: [3, 10]}]"), "(adversaries[0].ids): participant id 10 does not exist (ids run from 0 to 9)");
        assertValid(CliHarness.configs().resolve("seccl-collusion.yaml").toString());
    }

    @Test
    void aBrokenCheckpointManifestIsOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Path manifest = run.resolve("checkpoint").resolve("manifest.json");
        Files.createDirectories(manifest.getParent());
        Files.writeString(run.resolve("config.yaml"), Files.readString(Path.of(QUICKSTART)));
        Files.writeString(manifest, "{\"format\": 1, \"round\": ");
        String message = oneLineError(CliHarness.run("run", "--resume", run.toString()));
        assertTrue(message.startsWith("chainfl: " + manifest), message);
        assertTrue(message.contains("not a valid checkpoint manifest"), message);
    }
}
