package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/config.md is generated; this fails when a config key changes and the doc was not regenerated. */
class ConfigReferenceDocTest {
    @Test
    void docsMatchTheCode() throws Exception {
        Path doc = CliHarness.configs().getParent().resolve("docs/config.md");
        assertEquals(SchemaCommand.render(true), Files.readString(doc),
                "docs/config.md is stale: regenerate it with ./chainfl schema --markdown > docs/config.md");
    }

    /**
     * An aggregator inside an aggregator (nnm's and bucketing's then:) refers back to the aggregator section through
     * $defs instead of writing it out forever; the first aggregator section is written out in place, as before.
     */
    @Test
    void aRuleInsideARuleIsAReferenceToTheAggregatorSection() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(SchemaCommand.render(false));
        JsonNode fedavg = null;
        for (JsonNode scenario : schema.at("/properties/scenario/oneOf")) {
            if ("fedavg".equals(scenario.at("/properties/type/const").asText())) {
                fedavg = scenario;
            }
        }
        JsonNode rules = fedavg.at("/properties/aggregator/oneOf");
        assertTrue(rules.size() >= 15, rules.toString());
        for (JsonNode rule : rules) {
            String type = rule.at("/properties/type/const").asText();
            if (type.equals("nnm") || type.equals("bucketing")) {
                assertEquals("#/$defs/AggregatorParams", rule.at("/properties/then/$ref").asText(), type);
            }
        }
        assertEquals(rules.size(), schema.at("/$defs/AggregatorParams/oneOf").size());
        assertTrue(Files.readString(CliHarness.configs().getParent().resolve("docs/config.md")).contains("## scenario.aggregator.type: nnm"),
                "each rule's keys have a section in docs/config.md");
    }
}
