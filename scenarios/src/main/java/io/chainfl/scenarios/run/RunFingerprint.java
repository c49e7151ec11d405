package io.chainfl.scenarios.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * SHA-256 of a resolved config without the keys that never change results (training threads, checkpoint
 * interval, output folder, assertions): what a checkpoint is bound to, so a resume with another config is refused.
 */
public final class RunFingerprint {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private RunFingerprint() {}

    public static String of(RunConfig config) {
        try {
            JsonNode tree = YAML.readTree(Simulation.configLoader().toYaml(config));
            if (tree.get("runtime") instanceof ObjectNode runtime) {
                runtime.remove("threads");
                runtime.remove("checkpoint_every");
            }
            if (tree instanceof ObjectNode root) {
                root.remove("expect");
            }
            if (tree.get("output") instanceof ObjectNode output) {
                output.remove("dir");
            }
            Object canonical = JSON.treeToValue(tree, Object.class);
            return Hashes.hex(Hashes.sha256(JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
