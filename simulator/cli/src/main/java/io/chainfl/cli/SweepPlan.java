package io.chainfl.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainfl.engine.config.ConfigException;
import io.chainfl.engine.config.ConfigLoader;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.config.SweepConfig;
import io.chainfl.engine.seed.SeedStreams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a config's {@code sweep:} block into its runs, in a fixed order: every combination of the grid's
 * values (the first key varies slowest), each with every seed (fastest). Every point is a complete, validated
 * config; a grid key or value the config does not accept is reported against the grid key's line in the file.
 */
public final class SweepPlan {
    /** Short hash length of a point's folder name: 40 bits, no collision in any sweep a machine can run. */
    private static final int HASH_HEX = 10;

    private SweepPlan() {}

    /**
     * One run of the sweep: its position, the swept values as written in the grid (key path to text), its seed,
     * the complete config it runs, and a hash of that config that names its folder.
     */
    public record Point(int index, Map<String, String> values, long seed, String label, RunConfig config, String hash) {
        public Point {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** The readable label plus the config hash: a changed config never reuses a folder. */
        public String folderName() {
            String readable = label.replaceAll("[^A-Za-z0-9._=-]+", "_");
            if (readable.length() > 80) {
                readable = readable.substring(0, 80);
            }
            return readable + "-" + hash;
        }
    }

    public static List<Point> expand(RunConfig config) {
        return expand(config, (Path) null);
    }

    /** @param source the config file (for error positions), or null */
    public static List<Point> expand(RunConfig config, Path source) {
        return expandAt(config, new Locator(Configs.loader().mapper(), source));
    }

    /**
     * A config that has no file (composed in the lab): errors start with {@code sourceName} and the line and column
     * in {@code text}, as they would for the same text saved under that name.
     */
    public static List<Point> expand(RunConfig config, String sourceName, String text) {
        return expandAt(config, new Locator(Configs.loader().mapper(), sourceName, text));
    }

    private static List<Point> expandAt(RunConfig config, Locator where) {
        ConfigLoader loader = Configs.loader();
        SweepConfig sweep = config.sweep();
        String base = loader.toYaml(config.withoutSweep());
        Map<String, List<Object>> grid = sweep.grid();
        Map<String, List<String>> texts = new LinkedHashMap<>();
        grid.forEach((key, values) -> texts.put(key, checkKey(loader, where, base, key, values)));
        List<Long> seeds = seeds(config, where);
        Map<String, String> shortNames = shortNames(new ArrayList<>(grid.keySet()));

        List<Point> points = new ArrayList<>();
        List<Map<String, Integer>> combinations = combinations(grid);
        for (Map<String, Integer> combination : combinations) {
            for (long seed : seeds) {
                Map<String, String> values = new LinkedHashMap<>();
                List<String> overrides = new ArrayList<>();
                StringBuilder label = new StringBuilder();
                combination.forEach((key, i) -> {
                    values.put(key, texts.get(key).get(i));
                    overrides.add(key + "=" + yaml(loader, grid.get(key).get(i)));
                    label.append(shortNames.get(key)).append('=').append(texts.get(key).get(i)).append(',');
                });
                overrides.add("seed=" + seed);
                label.append("seed=").append(seed);
                RunConfig resolved;
                try {
                    resolved = loader.parse("sweep", base, overrides);
                } catch (ConfigException e) {
                    throw new ConfigException(where.at("/sweep/grid") + "sweep.grid: the point " + label + " is not a valid config: " + e.getMessage().replaceFirst("^sweep(:\\d+:\\d+)?: ", ""));
                }
                points.add(new Point(points.size(), values, seed, label.toString(), resolved, hash(loader, resolved)));
            }
        }
        SweepCharting.validate(config, points, where);
        return List.copyOf(points);
    }

    /** Checks one grid key with each of its values alone; returns the values as text for columns and labels. */
    private static List<String> checkKey(ConfigLoader loader, Locator where, String base, String key, List<Object> values) {
        String at = where.at("/sweep/grid/" + key.replace("~", "~0").replace("/", "~1")) + "sweep.grid." + key + ": ";
        if (key.equals("seed")) {
            throw new ConfigException(at + "seeds are swept with sweep.seeds: [..] or sweep.repeats: N, not in the grid");
        }
        if (key.equals("sweep") || key.startsWith("sweep.") || key.equals("variants") || key.startsWith("variants.")) {
            throw new ConfigException(at + "cannot be swept; sweep the keys the variants set instead");
        }
        if (values == null || values.isEmpty()) {
            throw new ConfigException(at + "give a list of at least one value, e.g. " + key + ": [a, b]");
        }
        List<String> texts = new ArrayList<>();
        for (Object value : values) {
            String text = text(value);
            if (texts.contains(text)) {
                throw new ConfigException(at + "the value " + text + " is listed twice");
            }
            texts.add(text);
            try {
                loader.parse("sweep", base, List.of(key + "=" + yaml(loader, value)));
            } catch (ConfigException e) {
                throw new ConfigException(at + "value " + text + ": " + withoutPrefix(e.getMessage(), key));
            }
        }
        return texts;
    }

    /** The loader names the override ("--set KEY (path): ") or a place in the generated base text: both mean nothing to the reader here. */
    private static String withoutPrefix(String message, String key) {
        String setPrefix = "--set " + key;
        if (message.startsWith(setPrefix)) {
            String rest = message.substring(setPrefix.length());
            return rest.replaceFirst("^ \\(([^)]*)\\): ", "$1: ").replaceFirst("^: ", "");
        }
        return message.replaceFirst("^sweep(:\\d+:\\d+)?: ", "");
    }

    private static List<Long> seeds(RunConfig config, Locator where) {
        SweepConfig sweep = config.sweep();
        if (!sweep.seeds().isEmpty() && sweep.repeats() > 0) {
            throw new ConfigException(where.at("/sweep/repeats") + "sweep: give seeds: [..] or repeats: N, not both");
        }
        if (!sweep.seeds().isEmpty()) {
            if (new HashSet<>(sweep.seeds()).size() != sweep.seeds().size()) {
                throw new ConfigException(where.at("/sweep/seeds") + "sweep.seeds: a seed is listed twice");
            }
            return sweep.seeds();
        }
        return repeatSeeds(config.seed(), Math.max(1, sweep.repeats()));
    }

    /**
     * {@code repeats: N}: the config's seed, then N - 1 seeds derived from it by name (SHA-256 of seed and
     * "sweep/repeat/i", kept to 31 bits so they stay readable in folder names and columns).
     */
    static List<Long> repeatSeeds(long seed, int repeats) {
        SeedStreams streams = new SeedStreams(seed);
        List<Long> seeds = new ArrayList<>(List.of(seed));
        for (int i = 1; seeds.size() < repeats; i++) {
            long derived = streams.seedFor("sweep/repeat/" + i) & 0x7fff_ffffL;
            if (!seeds.contains(derived)) {
                seeds.add(derived);
            }
        }
        return seeds;
    }

    /** Every combination as key -> value index, the first key varying slowest. */
    private static List<Map<String, Integer>> combinations(Map<String, List<Object>> grid) {
        List<Map<String, Integer>> result = new ArrayList<>();
        result.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> entry : grid.entrySet()) {
            List<Map<String, Integer>> next = new ArrayList<>();
            for (Map<String, Integer> partial : result) {
                for (int i = 0; i < entry.getValue().size(); i++) {
                    Map<String, Integer> extended = new LinkedHashMap<>(partial);
                    extended.put(entry.getKey(), i);
                    next.add(extended);
                }
            }
            result = next;
        }
        return result;
    }

    /** The shortest trailing part of each key path that still tells the keys apart: fraction, aggregator.type. */
    static Map<String, String> shortNames(List<String> keys) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String key : keys) {
            String[] parts = key.split("\\.");
            for (int take = 1; take <= parts.length; take++) {
                String suffix = String.join(".", java.util.Arrays.copyOfRange(parts, parts.length - take, parts.length));
                boolean unique = keys.stream().filter(other -> !other.equals(key)).noneMatch(other -> other.equals(suffix) || other.endsWith("." + suffix));
                if (unique || take == parts.length) {
                    names.put(key, suffix);
                    break;
                }
            }
        }
        return names;
    }

    /**
     * SHA-256 of the resolved config without the settings that never change results (runtime, output) and the
     * assertions, so rerunning with other --jobs, another output folder or edited expectations finds its finished runs.
     */
    static String hash(ConfigLoader loader, RunConfig config) {
        RunConfig canonical = loader.parse("sweep point", loader.toYaml(config), List.of("runtime={}", "output={}", "expect={}"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(loader.toYaml(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** A grid value as it appears in columns and labels: scalars as written, anything else as compact JSON. */
    static String text(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static String yaml(ConfigLoader loader, Object value) {
        try {
            return value == null ? "null" : loader.mapper().writeValueAsString(value).strip();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Finds "file:line:col: " for a JSON pointer into the sweep block of the source file. */
    static final class Locator {
        private final String prefix;
        private final Map<String, JsonLocation> byPointer = new LinkedHashMap<>();

        Locator(ObjectMapper yaml, Path source) {
            this(yaml, source == null ? "" : source.toString(), source == null ? null : readOrNull(source));
        }

        /** @param text the config's text, or null when there is none to point into */
        Locator(ObjectMapper yaml, String sourceName, String text) {
            this.prefix = sourceName;
            if (text == null) {
                return;
            }
            try (JsonParser parser = yaml.getFactory().createParser(text)) {
                while (parser.nextToken() != null) {
                    byPointer.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation());
                }
            } catch (IOException e) {
                // positions are a convenience: without them the message still names the file and key
            }
        }

        private static String readOrNull(Path source) {
            try {
                return Files.readString(source);
            } catch (IOException e) {
                return null;
            }
        }

        String at(String pointer) {
            if (prefix.isEmpty()) {
                return "";
            }
            for (String p = pointer; !p.isEmpty(); p = p.substring(0, Math.max(0, p.lastIndexOf('/')))) {
                JsonLocation location = byPointer.get(p);
                if (location != null) {
                    return prefix + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
                }
            }
            return prefix + ": ";
        }
    }
}
