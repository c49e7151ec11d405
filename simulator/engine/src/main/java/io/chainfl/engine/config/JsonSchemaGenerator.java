package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives a JSON Schema (draft 2020-12) from the config records, their {@link Doc} and {@link Range}
 * annotations and the defaults their compact constructors fill in, so editors can autocomplete YAML.
 * A polymorphic section is written out where it first appears; one that contains itself (an aggregation rule
 * whose {@code then:} is another rule) refers back with {@code $ref} to a copy under {@code $defs}, named by the
 * interface's simple name.
 */
public final class JsonSchemaGenerator {
    private static final PropertyNamingStrategies.NamingBase SNAKE = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private final ObjectMapper json;
    private final ConfigTypes types;
    /** Polymorphic interfaces being written out now: meeting one again inside itself writes a $ref. */
    private final Set<Class<?>> describing = new HashSet<>();
    /** Those met inside themselves, with their full description, for $defs. */
    private final Map<Class<?>, ObjectNode> recursive = new LinkedHashMap<>();

    public JsonSchemaGenerator(ConfigTypes types) {
        this.types = types;
        this.json = ConfigMapper.json(types);
    }

    public ObjectNode generate() {
        ObjectNode schema = json.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", "chainfl scenario");
        schema.setAll(describeRecord(RunConfig.class));
        ArrayNode required = schema.putArray("required");
        required.add("scenario");
        if (!recursive.isEmpty()) {
            ObjectNode defs = schema.putObject("$defs");
            recursive.forEach((type, node) -> defs.set(type.getSimpleName(), node));
        }
        return schema;
    }

    private ObjectNode describeRecord(Class<?> type) {
        ObjectNode node = json.createObjectNode();
        node.put("type", "object");
        node.put("additionalProperties", false);
        ObjectNode properties = node.putObject("properties");
        JsonNode defaults = defaultsOf(type);
        for (RecordComponent component : type.getRecordComponents()) {
            String key = SNAKE.translate(component.getName());
            ObjectNode property = describeType(component.getGenericType(), component.getType());
            Doc doc = component.getAnnotation(Doc.class);
            if (doc != null) {
                property.put("description", doc.value());
            }
            Range range = component.getAnnotation(Range.class);
            if (range != null) {
                ObjectNode target = property.has("items") ? (ObjectNode) property.get("items") : property;
                if (range.min() != Double.NEGATIVE_INFINITY) {
                    target.put(range.exclusiveMin() ? "exclusiveMinimum" : "minimum", range.min());
                }
                if (range.max() != Double.POSITIVE_INFINITY) {
                    target.put("maximum", range.max());
                }
            }
            if (defaults != null && defaults.has(key) && !defaults.get(key).isObject()) {
                property.set("default", defaults.get(key));
            }
            properties.set(key, property);
        }
        return node;
    }

    private ObjectNode describeType(Type generic, Class<?> raw) {
        ObjectNode node = json.createObjectNode();
        if (raw == Integer.class || raw == Long.class || raw == int.class || raw == long.class) {
            node.put("type", "integer");
        } else if (raw == Double.class || raw == double.class || raw == Float.class) {
            node.put("type", "number");
        } else if (raw == Boolean.class || raw == boolean.class) {
            node.put("type", "boolean");
        } else if (raw == String.class) {
            node.put("type", "string");
        } else if (raw.isEnum()) {
            node.put("type", "string");
            ArrayNode values = node.putArray("enum");
            for (Field f : raw.getFields()) {
                if (f.isEnumConstant()) {
                    JsonProperty p = f.getAnnotation(JsonProperty.class);
                    values.add(p != null ? p.value() : f.getName());
                }
            }
        } else if (List.class.isAssignableFrom(raw)) {
            node.put("type", "array");
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            node.set("items", describeType(element, (Class<?>) element));
        } else if (raw.isInterface() && raw.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonTypeInfo.class) && describing.contains(raw)) {
            node.put("$ref", "#/$defs/" + raw.getSimpleName());
            recursive.putIfAbsent(raw, null);
        } else if (raw.isInterface() && raw.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonTypeInfo.class)) {
            describing.add(raw);
            ArrayNode oneOf = node.putArray("oneOf");
            PolymorphicTypes.variants(types, raw).forEach((name, type) -> {
                ObjectNode variant = describeRecord(type);
                ObjectNode typeProperty = json.createObjectNode();
                typeProperty.put("const", name);
                ((ObjectNode) variant.get("properties")).set("type", typeProperty);
                variant.putArray("required").add("type");
                oneOf.add(variant);
            });
            describing.remove(raw);
            if (recursive.containsKey(raw) && recursive.get(raw) == null) {
                recursive.put(raw, node.deepCopy());
            }
        } else if (raw.isRecord()) {
            node.setAll(describeRecord(raw));
        } else {
            node.put("type", "object");
        }
        return node;
    }

    /** The record built with every component null, i.e. with the defaults of its compact constructor. */
    private JsonNode defaultsOf(Class<?> type) {
        try {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
            }
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            Object[] nulls = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                if (types[i].isPrimitive()) {
                    return null;
                }
            }
            return json.valueToTree(canonical.newInstance(nulls));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
