package io.chainfl.engine.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;

/** Checks {@link Range} bounds and required sections on a bound config, walking records reflectively. */
public final class ConfigValidator {
    private static final PropertyNamingStrategies.NamingBase SNAKE = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private ConfigValidator() {}

    /** A violated rule: where it is (JSON pointer and dotted path) and what was expected. */
    public record Violation(String pointer, String path, String message) {}

    public static Optional<Violation> validate(RunConfig config) {
        if (config.scenario() == null) {
            return Optional.of(new Violation("/scenario", "scenario", "missing; add a scenario section, e.g. 'scenario: {type: fedavg}'"));
        }
        Optional<Violation> found = walk(config, "", "");
        return found.isPresent() ? found : CrossChecks.check(config);
    }

    /** Validates any config record (also used for scenario sections that live outside the engine). */
    public static Optional<Violation> walk(Object record, String pointer, String path) {
        if (record == null || !record.getClass().isRecord()) {
            return Optional.empty();
        }
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            String key = SNAKE.translate(component.getName());
            String childPointer = pointer + "/" + key;
            String childPath = path.isEmpty() ? key : path + "." + key;
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            Range range = component.getAnnotation(Range.class);
            Optional<Violation> found = check(value, range, childPointer, childPath);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> check(Object value, Range range, String pointer, String path) {
        if (value instanceof Number number) {
            return range == null ? Optional.empty() : checkNumber(number.doubleValue(), range, pointer, path);
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<Violation> found = check(list.get(i), range, pointer + "/" + i, path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        return walk(value, pointer, path);
    }

    private static Optional<Violation> checkNumber(double v, Range range, String pointer, String path) {
        boolean belowMin = range.exclusiveMin() ? v <= range.min() : v < range.min();
        if (Double.isNaN(v) || belowMin || v > range.max()) {
            return Optional.of(new Violation(pointer, path, "expected " + describe(range) + ", got " + format(v)));
        }
        return Optional.empty();
    }

    static String describe(Range range) {
        String low = range.min() == Double.NEGATIVE_INFINITY ? null : (range.exclusiveMin() ? "> " : ">= ") + format(range.min());
        String high = range.max() == Double.POSITIVE_INFINITY ? null : "<= " + format(range.max());
        if (low != null && high != null) {
            return "a value " + low + " and " + high;
        }
        return "a value " + (low != null ? low : high);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
