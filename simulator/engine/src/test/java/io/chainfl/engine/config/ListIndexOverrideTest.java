package io.chainfl.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --set (and sweep grids) address list entries by index: variants.1.name, adversaries.0.fraction. */
class ListIndexOverrideTest {
    private static final ConfigTypes TYPES = new ConfigTypes().register(ScenarioParams.class, Map.of("test", TestScenarioParams.class));
    private static final String YAML = """
            scenario: {type: test}
            variants: [{name: a, set: {rounds: 2}}, {name: b, set: {rounds: 3}}]
            model: {type: mlp, hidden: [64, 32]}
            """;
    private final ConfigLoader loader = new ConfigLoader(TYPES);

    @Test
    void setsAnEntryOfAListByIndex() {
        RunConfig c = loader.parse("cfg.yaml", YAML, List.of("variants.1.name=second", "model.hidden.0=128"));
        assertEquals("a", c.variants().get(0).name());
        assertEquals("second", c.variants().get(1).name());
        assertEquals(List.of(128, 32), c.model().hidden());
    }

    @Test
    void aBadIndexSaysHowManyEntriesThereAre() {
        String message = assertThrows(ConfigException.class, () -> loader.parse("cfg.yaml", YAML, List.of("variants.2.name=x"))).getMessage();
        assertEquals("--set variants.2.name: variants has 2 entries; indexes run from 0 to 1", message);
        String notIndex = assertThrows(ConfigException.class, () -> loader.parse("cfg.yaml", YAML, List.of("variants.name=x"))).getMessage();
        assertEquals("--set variants.name: variants is a list; address an entry by its index, e.g. variants.0", notIndex);
    }
}
