package io.chainfl.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keys written with no value in a config file, refused with one line before binding. */
final class EmptyValues {
    private EmptyValues() {}

    /**
     * A key written with no value ({@code rounds:}) reads as null, which the records take as "use the default":
     * the writer meant something else, so it is refused, saying which default deleting the line would give.
     * Only the file is checked: overrides and generated texts (variants, sweeps) never write nulls by accident.
     */
    static void refuse(ObjectMapper yaml, String sourceName, JsonNode tree, SourceLocations locations) {
        String pointer = firstNull(tree, "");
        if (pointer == null) {
            return;
        }
        String path = dottedPointer(pointer);
        JsonNode parent = tree.at(pointer.substring(0, pointer.lastIndexOf('/')));
        String message;
        if (parent.isArray()) {
            message = "empty list entry; give a value or delete the entry";
        } else if (pointer.equals("/scenario")) {
            message = "has no value; give one, e.g. 'scenario: {type: fedavg}'";
        } else {
            message = "has no value; give one or delete the line" + defaultOf(yaml, tree, pointer).map(d -> " to use the default " + d).orElse("");
        }
        throw new ConfigException(sourceName + ConfigLoader.position(locations.find(pointer)) + ": " + path + ": " + message);
    }

    private static String firstNull(JsonNode node, String pointer) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                String found = field.getValue().isNull() ? child : firstNull(field.getValue(), child);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String child = pointer + "/" + i;
                String found = node.get(i).isNull() ? child : firstNull(node.get(i), child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The scalar default the key takes when its line is deleted, if the rest of the file binds and the default is a plain value. */
    private static Optional<String> defaultOf(ObjectMapper yaml, JsonNode tree, String pointer) {
        JsonNode withoutNulls = tree.deepCopy();
        removeNulls(withoutNulls);
        try {
            JsonNode resolved = yaml.valueToTree(yaml.treeToValue(withoutNulls, RunConfig.class));
            JsonNode value = resolved.at(pointer);
            return value.isValueNode() ? Optional.of(value.asText()) : Optional.empty();
        } catch (JsonProcessingException | IllegalArgumentException | ConfigException e) {
            return Optional.empty();
        }
    }

    private static void removeNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> empty = new ArrayList<>();
            object.fields().forEachRemaining(f -> {
                if (f.getValue().isNull()) {
                    empty.add(f.getKey());
                } else {
                    removeNulls(f.getValue());
                }
            });
            object.remove(empty);
        } else if (node instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (array.get(i).isNull()) {
                    array.remove(i);
                } else {
                    removeNulls(array.get(i));
                }
            }
        }
    }

    /** "/adversaries/0/fraction" as a user writes it: "adversaries[0].fraction". */
    private static String dottedPointer(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            String key = part.replace("~1", "/").replace("~0", "~");
            if (key.matches("\\d+")) {
                sb.append('[').append(key).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(key);
            }
        }
        return sb.toString();
    }
}
