package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a scenario YAML into a {@link RunConfig}, strictly: unknown keys, wrong types and out-of-range
 * values are reported as one line with file:line:column, the key path and what was expected.
 */
public final class ConfigLoader {
    private final ObjectMapper yaml;
    private final ConfigTypes types;

    public ConfigLoader(ConfigTypes types) {
        this.types = types;
        this.yaml = ConfigMapper.yaml(types);
    }

    public ConfigTypes types() {
        return types;
    }

    public ObjectMapper mapper() {
        return yaml;
    }

    public RunConfig load(Path file) {
        return load(file, List.of());
    }

    /** Loads the file, then applies {@code key.path=value} overrides (values are YAML scalars or flow collections). */
    public RunConfig load(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file; check the path (example configs are in configs/)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return parse(file.toString(), text, overrides);
    }

    public RunConfig parse(String sourceName, String text, List<String> overrides) {
        SourceLocations locations;
        JsonNode tree;
        try {
            locations = SourceLocations.scan(yaml, text);
            tree = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(sourceName + position(at) + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException(sourceName + ": cannot read (" + e.getMessage() + ")");
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = JsonNodeFactory.instance.objectNode();
        }
        if (!tree.isObject()) {
            throw new ConfigException(sourceName + ":1:1: the top level must be a mapping of keys (name, seed, rounds, scenario, ...)");
        }
        EmptyValues.refuse(yaml, sourceName, tree, locations);
        List<String> overridden = new ArrayList<>();
        for (String override : overrides) {
            overridden.add(applyOverride((ObjectNode) tree, override));
        }
        RunConfig config = bind(sourceName, tree, locations, overridden);
        ConfigValidator.validate(config).ifPresent(violation -> {
            throw new ConfigException(where(sourceName, locations, overridden, violation.pointer(), violation.path()) + violation.message());
        });
        return config;
    }

    private RunConfig bind(String sourceName, JsonNode tree, SourceLocations locations, List<String> overridden) {
        try {
            return yaml.treeToValue(tree, RunConfig.class);
        } catch (JsonMappingException e) {
            String pointer = pointer(e.getPath());
            String path = dotted(e.getPath());
            String[] keyAndMessage = describe(e, path);
            throw new ConfigException(where(sourceName, locations, overridden, pointer, keyAndMessage[0]) + keyAndMessage[1]);
        } catch (JsonProcessingException e) {
            throw new ConfigException(sourceName + ": " + e.getOriginalMessage());
        }
    }

    /** The key path the problem is about and what is wrong with it. */
    private String[] describe(JsonMappingException e, String path) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            Collection<String> known = unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            String hint = DidYouMean.closest(unknown.getPropertyName(), known)
                    .map(s -> "did you mean '" + s + "'? ")
                    .orElse("");
            return new String[] {path, "unknown key; " + hint + "known keys here: " + String.join(", ", known)};
        }
        if (e instanceof InvalidTypeIdException badType) {
            java.util.Set<String> names = PolymorphicTypes.names(types, badType.getBaseType().getRawClass());
            String known = String.join(", ", names);
            String typePath = path.isEmpty() ? "type" : path + ".type";
            if (badType.getTypeId() == null) {
                return new String[] {typePath, "missing; expected one of " + known};
            }
            String hint = DidYouMean.closest(badType.getTypeId(), names).map(s -> "did you mean '" + s + "'? ").orElse("");
            return new String[] {typePath, "unknown type '" + badType.getTypeId() + "'; " + hint + "expected one of " + known};
        }
        if (e instanceof ValueInstantiationException) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new String[] {path, cause.getMessage()};
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null && format.getTargetType().isEnum()
                && format.getValue() instanceof Number number) {
            // numbers once picked a constant by position (model.type: 2 = cnn): a typo became another experiment
            return new String[] {path, "expected one of " + expectedFor(format.getTargetType()).substring("one of ".length())
                    + ", got the number " + number + "; give the name, not its position"};
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new String[] {path, "expected " + expectedFor(mismatch.getTargetType()) + ", got " + describeValue(e.getOriginalMessage())};
        }
        return new String[] {path, e.getOriginalMessage().lines().findFirst().orElse("invalid value")};
    }

    private static String describeValue(String jacksonMessage) {
        java.util.regex.Matcher scalar = java.util.regex.Pattern.compile("(Integer|Float|Double|Floating-point|Boolean) value \\(([^)]*)\\)").matcher(jacksonMessage);
        if (scalar.find()) {
            return (scalar.group(1).equals("Boolean") ? "" : "the number ") + scalar.group(2);
        }
        int from = jacksonMessage.indexOf("from ");
        if (jacksonMessage.contains("String value (\"")) {
            int start = jacksonMessage.indexOf("String value (\"") + 15;
            int end = jacksonMessage.indexOf("\")", start);
            return "\"" + jacksonMessage.substring(start, end < 0 ? jacksonMessage.length() : end) + "\"";
        }
        if (from >= 0) {
            String rest = jacksonMessage.substring(from + 5);
            int stop = rest.indexOf(" (");
            return (stop > 0 ? rest.substring(0, stop) : rest).replace("'", "").toLowerCase();
        }
        return "something else";
    }

    static String expectedFor(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getFields()).filter(java.lang.reflect.Field::isEnumConstant)
                    .map(f -> {
                        JsonProperty p = f.getAnnotation(JsonProperty.class);
                        return p != null ? p.value() : f.getName();
                    })
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of keys";
    }

    /** "file:line:col: path: " for keys from the file, "--set path: " for keys set on the command line. */
    private static String where(String sourceName, SourceLocations locations, List<String> overridden, String pointer, String path) {
        for (String override : overridden) {
            if (pointer.equals(override) || pointer.startsWith(override + "/")) {
                return "--set " + override.substring(1).replace('/', '.') + (path.isEmpty() || pointer.equals(override) ? "" : " (" + path + ")") + ": ";
            }
        }
        return sourceName + position(locations.find(pointer)) + ": " + (path.isEmpty() ? "" : path + ": ");
    }

    static String position(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            sb.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return sb.toString();
    }

    private static String dotted(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Sets {@code a.b.c=value} in the tree; returns the JSON pointer it set. */
    private String applyOverride(ObjectNode root, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set " + override + ": expected key.path=value, e.g. --set training.lr=0.05");
        }
        String key = override.substring(0, eq).trim();
        String raw = override.substring(eq + 1);
        JsonNode value;
        try {
            value = raw.isEmpty() ? JsonNodeFactory.instance.textNode("") : yaml.readTree(raw);
        } catch (IOException e) {
            throw new ConfigException("--set " + key + ": value '" + raw + "' is not a valid YAML value");
        }
        String[] parts = key.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.isArray() ? ((ArrayNode) node).get(listIndex(key, parts, i, (ArrayNode) node)) : node.get(parts[i]);
            if (child == null || !(child.isObject() || child.isArray())) {
                if (node.isArray()) {
                    throw new ConfigException("--set " + key + ": entry " + parts[i] + " holds a single value, not keys");
                }
                child = ((ObjectNode) node).putObject(parts[i]);
            }
            node = child;
        }
        String last = parts[parts.length - 1];
        if (node.isArray()) {
            ((ArrayNode) node).set(listIndex(key, parts, parts.length - 1, (ArrayNode) node), value);
        } else {
            ((ObjectNode) node).set(last, value);
        }
        return "/" + String.join("/", parts);
    }

    /** List entries are addressed by their index, as in {@code adversaries.0.fraction}. */
    private static int listIndex(String key, String[] parts, int i, ArrayNode list) {
        String listPath = String.join(".", Arrays.copyOfRange(parts, 0, i));
        if (!parts[i].matches("\\d+")) {
            throw new ConfigException("--set " + key + ": " + listPath + " is a list; address an entry by its index, e.g. " + listPath + ".0");
        }
        int index = Integer.parseInt(parts[i]);
        if (index >= list.size()) {
            throw new ConfigException("--set " + key + ": " + listPath + " has " + list.size() + " entries; indexes run from 0 to " + (list.size() - 1));
        }
        return index;
    }

    /** The resolved config as YAML, with every default filled in. */
    public String toYaml(RunConfig config) {
        try {
            return yaml.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise config", e);
        }
    }
}
