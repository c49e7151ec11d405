package io.chainfl.cli.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainfl.agents.adversary.AdversaryRegistry;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.JsonSchemaGenerator;
import io.chainfl.learning.aggregation.Aggregators;
import io.chainfl.scenarios.ScenarioRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the compose page offers, from the same registries as {@code chainfl list} and {@code chainfl schema}: the
 * config's JSON Schema, the scenarios, attacks and defenses with their descriptions and references, the configs
 * shipped in the jar (configs/*.yaml and the lessons' configs/lessons/*.yaml) and the lessons.
 */
final class LabCatalogue {
    private static final String CONFIGS = "configs";
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> shippedConfigs;
    private final ObjectNode catalogue;

    LabCatalogue() {
        this.shippedConfigs = readShippedConfigs();
        this.catalogue = build();
    }

    ObjectNode catalogue() {
        return catalogue;
    }

    /** The text of a shipped config by its name (e.g. quickstart.yaml, lessons/median.yaml), or 404. */
    String shippedConfig(String name) {
        String text = name == null ? null : shippedConfigs.get(name);
        if (text == null) {
            throw LabHttpError.notFound("no shipped config '" + PathGuard.printable(String.valueOf(name)) + "'; GET /api/catalogue lists them under configs");
        }
        return text;
    }

    private ObjectNode build() {
        ObjectNode root = json.createObjectNode();
        root.set("schema", new JsonSchemaGenerator(ScenarioRegistry.configTypes()).generate());
        ArrayNode scenarios = root.putArray("scenarios");
        ScenarioRegistry.all().forEach(s -> scenarios.addObject().put("name", s.name()).put("description", s.description()));
        ArrayNode attacks = root.putArray("attacks");
        AdversaryRegistry.types().forEach((name, type) -> {
            Doc doc = type.getAnnotation(Doc.class);
            attacks.addObject().put("name", name).put("description", doc != null ? doc.value() : "");
        });
        ArrayNode defenses = root.putArray("defenses");
        Aggregators.catalogue().forEach(e -> defenses.addObject().put("name", e.name()).put("description", e.description())
                .put("reference", e.reference()));
        ArrayNode configs = root.putArray("configs");
        shippedConfigs.keySet().forEach(configs::add);
        root.set("lessons", readLessons());
        return root;
    }

    private com.fasterxml.jackson.databind.JsonNode readLessons() {
        try (InputStream in = LabCatalogue.class.getResourceAsStream("web/lessons/lessons.json")) {
            if (in == null) {
                return json.createArrayNode();
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("the lessons' index in the jar is unreadable", e);
        }
    }

    /** configs/**.yaml in the jar (or on the test class path), by their path below configs/. */
    private static Map<String, String> readShippedConfigs() {
        Map<String, String> configs = new TreeMap<>();
        URL url = LabCatalogue.class.getResource(CONFIGS);
        if (url == null) {
            return configs;
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                collect(fs.provider().getPath(uri), configs);
            } else {
                collect(Path.of(uri), configs);
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("the shipped configs in the jar are unreadable", e);
        }
        return configs;
    }

    private static void collect(Path dir, Map<String, String> into) throws IOException {
        try (Stream<Path> files = Files.walk(dir, 2)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                into.put(dir.relativize(file).toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }
}
