package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few hundred seeded mutations of the shipped configs (wrong types, numbers for names, out-of-range values, deleted,
 * unknown and empty keys, broken YAML) through {@code chainfl validate}, in-process: each must end with exit 0, or
 * exit 2 and exactly one line on stderr; never exit 1, never a stack trace. The seed is fixed, so a failure names
 * the mutation and reproduces.
 */
class ConfigFuzzTest {
    private static final long SEED = 20;
    private static final int MUTATIONS = 200;
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Mutant(String description, String text) {}

    @Test
    void mutatedConfigsEndInOkOrOneLineOfBadInput(@TempDir Path dir) throws IOException {
        List<Path> shipped = shippedConfigs();
        assertTrue(shipped.size() >= 15, "shipped configs found: " + shipped);
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            Path source = shipped.get(random.nextInt(shipped.size()));
            Mutant mutant = mutate(Files.readString(source), i % 9, random);
            Path file = dir.resolve("mutant-" + i + ".yaml");
            Files.writeString(file, mutant.text());
            CliHarness.Result r = CliHarness.run("validate", "--quiet", file.toString());
            String what = "#" + i + " " + source.getFileName() + " " + mutant.description() + " -> exit " + r.exitCode() + ": " + r.err().strip();
            String[] lines = r.err().strip().split("\n");
            boolean oneLine = lines.length == 1 && lines[0].startsWith("chainfl: ");
            boolean noTrace = !r.err().contains("\tat ") && !r.err().contains("Exception");
            if (r.exitCode() == 0 && noTrace) {
                accepted++;
            } else if (r.exitCode() == 2 && oneLine && noTrace) {
                refused++;
            } else {
                failures.add(what);
            }
        }
        System.out.println("config fuzz: " + MUTATIONS + " mutations, " + refused + " refused in one line, " + accepted + " accepted");
        assertEquals(List.of(), failures, "mutations that did not end in exit 0 or one line of exit 2");
        assertTrue(refused > MUTATIONS / 2, "most mutations are bad input: " + refused + " refused");
    }

    private static List<Path> shippedConfigs() throws IOException {
        Path configs = CliHarness.configs();
        try (Stream<Path> files = Files.walk(configs)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static Mutant mutate(String text, int kind, SplittableRandom random) throws IOException {
        if (kind == 7) {
            return brokenYaml(text, random);
        }
        if (kind == 8) {
            return emptyValue(text, random);
        }
        JsonNode tree = YAML.readTree(text);
        List<String> leaves = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        walk(tree, "", leaves, objects);
        String description;
        switch (kind) {
            case 0 -> {
                String at = pick(leaves, random);
                JsonNode wrong = wrongType(tree.at(at), random);
                set(tree, at, wrong);
                description = "wrong type " + at + "=" + wrong;
            }
            case 1 -> {
                List<String> names = leaves.stream().filter(p -> tree.at(p).isTextual()).toList();
                String at = pick(names.isEmpty() ? leaves : names, random);
                int number = random.nextInt(4);
                set(tree, at, NODES.numberNode(number));
                description = "number for name " + at + "=" + number;
            }
            case 2 -> {
                List<String> numbers = leaves.stream().filter(p -> tree.at(p).isNumber()).toList();
                String at = pick(numbers.isEmpty() ? leaves : numbers, random);
                JsonNode[] choices = {NODES.numberNode(-1), NODES.numberNode(0), NODES.numberNode(-0.5), NODES.numberNode(1.5),
                        NODES.numberNode(1e9), NODES.numberNode(1e300), NODES.numberNode(2147483648L), NODES.numberNode(-1e18)};
                JsonNode value = choices[random.nextInt(choices.length)];
                set(tree, at, value);
                description = "out of range " + at + "=" + value;
            }
            case 3 -> {
                String at = pick(leaves, random);
                remove(tree, at);
                description = "deleted " + at;
            }
            case 4 -> {
                String at = pick(objects, random);
                ObjectNode object = (ObjectNode) tree.at(at);
                List<String> fields = new ArrayList<>();
                object.fieldNames().forEachRemaining(fields::add);
                String name = !fields.isEmpty() && random.nextBoolean() ? camel(fields.get(random.nextInt(fields.size()))) + "_x" : "colour";
                object.put(name, "blue");
                description = "unknown key " + at + "/" + name;
            }
            case 5 -> {
                List<String> types = leaves.stream().filter(p -> p.endsWith("/type")).toList();
                String at = pick(types.isEmpty() ? leaves : types, random);
                String typo = tree.at(at).asText() + (random.nextBoolean() ? "s" : "").concat("x");
                set(tree, at, NODES.textNode(typo));
                description = "unknown name " + at + "=" + typo;
            }
            default -> {
                List<String> lists = new ArrayList<>();
                collectLists(tree, "", lists);
                if (lists.isEmpty()) {
                    String at = pick(leaves, random);
                    set(tree, at, NODES.arrayNode().add(1).add("two"));
                    description = "list for scalar " + at;
                } else {
                    String at = pick(lists, random);
                    JsonNode value = random.nextBoolean() ? NODES.textNode("not a list") : NODES.arrayNode().add(NODES.objectNode().put("x", 1));
                    set(tree, at, value);
                    description = "bad list " + at + "=" + value;
                }
            }
        }
        return new Mutant(description, YAML.writeValueAsString(tree));
    }

    private static Mutant brokenYaml(String text, SplittableRandom random) {
        int at = random.nextInt(Math.max(1, text.length()));
        int choice = random.nextInt(6);
        return switch (choice) {
            case 0 -> new Mutant("truncated at " + at, text.substring(0, at));
            case 1 -> new Mutant("'[' inserted at " + at, text.substring(0, at) + "[" + text.substring(at));
            case 2 -> new Mutant("': :' inserted at " + at, text.substring(0, at) + ": :" + text.substring(at));
            case 3 -> new Mutant("tab inserted at " + at, text.substring(0, at) + "\n\t" + text.substring(at));
            case 4 -> new Mutant("char deleted at " + at, text.isEmpty() ? text : text.substring(0, at) + text.substring(Math.min(text.length(), at + 1)));
            default -> {
                String[] lines = text.split("\n", -1);
                int line = random.nextInt(lines.length);
                List<String> copy = new ArrayList<>(List.of(lines));
                copy.add(line, lines[line]);
                yield new Mutant("line " + (line + 1) + " duplicated", String.join("\n", copy));
            }
        };
    }

    /** A key line ("  rounds: 20") left with nothing after its colon. */
    private static Mutant emptyValue(String text, SplittableRandom random) {
        String[] lines = text.split("\n", -1);
        List<Integer> keyLines = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches("\\s*[a-z_]+:\\s*[^\\s#{\\[][^#]*")) {
                keyLines.add(i);
            }
        }
        if (keyLines.isEmpty()) {
            return new Mutant("unchanged", text);
        }
        int line = keyLines.get(random.nextInt(keyLines.size()));
        lines[line] = lines[line].substring(0, lines[line].indexOf(':') + 1);
        return new Mutant("empty value on line " + (line + 1), String.join("\n", lines));
    }

    private static JsonNode wrongType(JsonNode value, SplittableRandom random) {
        List<JsonNode> choices = new ArrayList<>();
        if (!value.isTextual()) {
            choices.add(NODES.textNode("many"));
        }
        if (!value.isNumber()) {
            choices.add(NODES.numberNode(7));
        }
        if (!value.isBoolean()) {
            choices.add(NODES.booleanNode(true));
        }
        choices.add(NODES.arrayNode().add(1));
        choices.add(NODES.objectNode().put("a", 1));
        return choices.get(random.nextInt(choices.size()));
    }

    private static void walk(JsonNode node, String pointer, List<String> leaves, List<String> objects) {
        if (node.isObject()) {
            objects.add(pointer);
            node.fields().forEachRemaining(f -> walk(f.getValue(), pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1"), leaves, objects));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, leaves, objects);
            }
        } else {
            leaves.add(pointer);
        }
    }

    private static void collectLists(JsonNode node, String pointer, List<String> lists) {
        if (node.isArray()) {
            lists.add(pointer);
        }
        if (node.isContainerNode()) {
            if (node.isObject()) {
                node.fields().forEachRemaining(f -> collectLists(f.getValue(), pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1"), lists));
            } else {
                for (int i = 0; i < node.size(); i++) {
                    collectLists(node.get(i), pointer + "/" + i, lists);
                }
            }
        }
    }

    private static void set(JsonNode root, String pointer, JsonNode value) {
        JsonNode parent = root.at(pointer.substring(0, pointer.lastIndexOf('/')));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static void remove(JsonNode root, String pointer) {
        JsonNode parent = root.at(pointer.substring(0, pointer.lastIndexOf('/')));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(last));
        } else {
            ((ObjectNode) parent).remove(last);
        }
    }

    private static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    private static String pick(List<String> choices, SplittableRandom random) {
        return choices.get(random.nextInt(choices.size()));
    }
}
