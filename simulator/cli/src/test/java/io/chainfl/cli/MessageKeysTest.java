package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Messages name config keys as users write them: every {@code data.x}, {@code scenario.x}, ... inside a string
 * literal of main code must be a key of the JSON schema ({@code chainfl schema}, snake_case), so a camelCase slip
 * such as {@code data.labelColumn} fails the build.
 */
class MessageKeysTest {
    /** Literals that look like keys but are file names. */
    private static final Set<String> FILE_NAMES = Set.of("sweep.csv", "ledger.journal", "privacy.png");

    @Test
    void everyKeyNamedInAMessageIsASchemaKey() throws IOException {
        CliHarness.Result schemaRun = CliHarness.run("schema");
        assertEquals(0, schemaRun.exitCode(), schemaRun.err());
        JsonNode schema = new ObjectMapper().readTree(schemaRun.out());
        Set<String> keys = new TreeSet<>();
        collectKeys(schema, "", keys);
        List<String> sections = new ArrayList<>();
        // sections with keys below them (scalars such as participants would match file names like participants.csv)
        schema.path("properties").fields().forEachRemaining(p -> {
            if (p.getValue().has("properties") || p.getValue().has("oneOf") || p.getValue().has("items")) {
                sections.add(p.getKey());
            }
        });
        assertTrue(keys.contains("data.label_column") && keys.contains("scenario.aggregator.f"), "schema keys collected: " + keys.size());
        Pattern literal = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
        Pattern key = Pattern.compile("(?<![A-Za-z0-9_./-])(?:" + String.join("|", sections) + ")\\.[A-Za-z_]+(?:\\.[A-Za-z_]+)*");
        Path root = Path.of(System.getProperty("chainfl.project.dir", "../.."));
        List<String> wrong = new ArrayList<>();
        int named = 0;
        for (Path file : mainSources(root)) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher strings = literal.matcher(lines.get(i));
                while (strings.find()) {
                    Matcher k = key.matcher(strings.group());
                    while (k.find()) {
                        named++;
                        if (!keys.contains(k.group()) && !FILE_NAMES.contains(k.group())) {
                            wrong.add(root.relativize(file) + ":" + (i + 1) + ": " + k.group());
                        }
                    }
                }
            }
        }
        assertTrue(named > 50, "messages naming keys were found: " + named);
        assertEquals(List.of(), wrong, "keys in messages that are not schema keys (write them snake_case, as in the YAML)");
    }

    private static List<Path> mainSources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/node_modules/") && !p.toString().contains("/target/"))
                    .sorted().toList();
        }
    }

    /** Dotted paths of every property; polymorphic branches and list items add no segment (messages index lists as [i]). */
    private static void collectKeys(JsonNode node, String prefix, Set<String> keys) {
        node.path("properties").fields().forEachRemaining(p -> {
            String path = prefix.isEmpty() ? p.getKey() : prefix + "." + p.getKey();
            keys.add(path);
            collectKeys(p.getValue(), path, keys);
        });
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            node.path(combinator).forEach(branch -> collectKeys(branch, prefix, keys));
        }
        if (node.has("items")) {
            collectKeys(node.get("items"), prefix, keys);
        }
        if (node.path("additionalProperties").isObject()) {
            collectKeys(node.get("additionalProperties"), prefix, keys);
        }
    }
}
