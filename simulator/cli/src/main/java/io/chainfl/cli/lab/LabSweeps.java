package io.chainfl.cli.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.chainfl.cli.ConfigValidation;
import io.chainfl.cli.SweepPlan;
import io.chainfl.engine.UserError;
import io.chainfl.engine.run.RunFolder;
import io.chainfl.scenarios.run.Simulation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The lab's sweeps: a base config (shipped or composed) plus one or two axes (a config key path and its values)
 * becomes the same config with a {@code sweep:} block, which is what {@code chainfl sweep} reads; it is checked
 * by the same code as {@code chainfl validate} and run by the same code as {@code chainfl sweep}
 * ({@link io.chainfl.cli.SweepFolder}), so its folder holds the command's tables byte for byte.
 */
final class LabSweeps {
    /** The heatmap has rows and columns: more swept keys are for {@code chainfl sweep}. */
    static final int MAX_AXES = 2;
    /** A lab sweep runs one cell after another inside one of the lab's run slots: 64 small runs stay minutes, not hours. */
    static final int MAX_RUNS = 64;

    /** A request's axes resolved into the config the lab writes, checked, with its points in plan order. */
    record Plan(String yaml, ConfigValidation.Checked checked, List<String> keys) {}

    private final LabCatalogue catalogue;
    private final ObjectMapper json = new ObjectMapper();
    private final YAMLMapper yaml = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

    LabSweeps(LabCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * Reads {@code {"yaml": BASE} or {"config": NAME}} and {@code "axes": [{"key": PATH, "values": [..]}, ..]}, writes
     * the base with a {@code sweep: {grid: ...}} block in place of any it had, and checks it as {@code chainfl
     * validate compose.yaml} would; too many axes or runs are refused here with one line.
     */
    Plan plan(JsonNode request) {
        String composed = compose(request);
        List<String> keys = new ArrayList<>();
        request.get("axes").forEach(axis -> keys.add(axis.get("key").asText().strip()));
        ConfigValidation.Checked checked = ConfigValidation.text(LabApi.COMPOSED_SOURCE, composed);
        if (checked.variants() > 0) {
            throw new UserError(LabApi.COMPOSED_SOURCE + ": variants: the lab's heatmap shows one series per cell; remove the variants, "
                    + "or run the file with chainfl sweep");
        }
        if (checked.sweepPoints() > MAX_RUNS) {
            throw new UserError(LabApi.COMPOSED_SOURCE + ": sweep.grid: " + checked.sweepPoints() + " runs (" + shape(checked.points(), keys)
                    + "); the lab runs at most " + MAX_RUNS + " per sweep: give fewer values, or run the file with chainfl sweep");
        }
        return new Plan(composed, checked, keys);
    }

    /** The config the lab writes for a request: the base with the axes as its {@code sweep.grid} (not yet checked). */
    String compose(JsonNode request) {
        String base = request.path("config").isTextual() ? catalogue.shippedConfig(request.get("config").asText()) : text(request, "yaml");
        JsonNode axes = request.get("axes");
        if (axes == null || !axes.isArray() || axes.isEmpty() || axes.size() > MAX_AXES) {
            throw LabHttpError.badRequest("request body: 'axes' must list one or two {\"key\": KEY.PATH, \"values\": [..]} (the heatmap's rows and columns; "
                    + "more keys: chainfl sweep)");
        }
        ObjectNode grid = json.createObjectNode();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            JsonNode axis = axes.get(i);
            String key = axis.path("key").isTextual() ? axis.get("key").asText().strip() : "";
            if (key.isEmpty()) {
                throw LabHttpError.badRequest("request body: axes[" + i + "].key: name a config key path, e.g. adversaries.0.fraction");
            }
            if (keys.contains(key)) {
                throw LabHttpError.badRequest("request body: axes[" + i + "].key: " + PathGuard.printable(key) + " is already the other axis");
            }
            JsonNode values = axis.get("values");
            if (values == null || !values.isArray()) {
                throw LabHttpError.badRequest("request body: axes[" + i + "].values must be a list, e.g. [\"0.0\", \"0.2\"]");
            }
            ArrayNode typed = grid.putArray(key);
            values.forEach(v -> typed.add(scalar(v)));
            keys.add(key);
        }
        JsonNode tree = baseTree(base);
        ((ObjectNode) tree).remove("sweep");
        ((ObjectNode) tree).putObject("sweep").set("grid", grid);
        try {
            return yaml.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the sweep's YAML", e);
        }
    }

    /** What the page shows before launching: the YAML the lab writes, the grid's shape and its run count. */
    ObjectNode describe(Plan plan) {
        ObjectNode answer = json.createObjectNode().put("yaml", plan.yaml()).put("runs", plan.checked().sweepPoints())
                .put("shape", shape(plan.checked().points(), plan.keys()));
        answer.set("axes", axes(plan.checked().points(), plan.keys()));
        return answer;
    }

    /** The base config's tree; text that is not a YAML mapping gets the CLI's own message for it. */
    private JsonNode baseTree(String base) {
        JsonNode tree;
        try {
            tree = yaml.readTree(base);
        } catch (JsonProcessingException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            ConfigValidation.text(LabApi.COMPOSED_SOURCE, base);
            throw new UserError(LabApi.COMPOSED_SOURCE + ": expected a mapping of config keys (name, rounds, scenario, ...)");
        }
        return tree;
    }

    /** A value as typed in the page ("0.2", "median", "true"): read as a YAML scalar, as it would be in the file. */
    private JsonNode scalar(JsonNode value) {
        if (!value.isTextual()) {
            return value;
        }
        try {
            JsonNode read = yaml.readTree(value.asText());
            return read != null && read.isValueNode() && !read.isNull() ? read : json.getNodeFactory().textNode(value.asText());
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(value.asText());
        }
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual()) {
            throw LabHttpError.badRequest("request body: give the base config as 'yaml' (text) or 'config' (a shipped config's name)");
        }
        return value.asText();
    }

    /** Each swept key with its values as the points name them, in plan order. */
    static ArrayNode axes(List<SweepPlan.Point> points, List<String> keys) {
        ArrayNode axes = new ObjectMapper().createArrayNode();
        for (String key : keys) {
            Set<String> values = new LinkedHashSet<>();
            points.forEach(p -> values.add(p.values().get(key)));
            ObjectNode axis = axes.addObject().put("key", key);
            values.forEach(axis.putArray("values")::add);
        }
        return axes;
    }

    /** "3 x 2" for the grid, "x 2 seeds" when a cell holds several. */
    static String shape(List<SweepPlan.Point> points, List<String> keys) {
        List<String> sizes = new ArrayList<>();
        for (String key : keys) {
            sizes.add(String.valueOf(points.stream().map(p -> p.values().get(key)).distinct().count()));
        }
        long seeds = points.stream().mapToLong(SweepPlan.Point::seed).distinct().count();
        return String.join(" x ", sizes) + (seeds > 1 ? " x " + seeds + " seeds" : "");
    }

    /**
     * A finished cell's numbers from its metrics.csv: the scenario's series (the first that is not the centralized
     * baseline) at its last round, every numeric column, plus its best accuracy.
     */
    static ObjectNode finals(Path runFolder) {
        ObjectNode finals = new ObjectMapper().createObjectNode();
        String text;
        try {
            text = Files.readString(runFolder.resolve(RunFolder.METRICS), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return finals;
        }
        List<List<String>> rows = CsvTail.parse(text);
        if (rows.size() < 2) {
            return finals;
        }
        List<String> header = rows.get(0);
        String series = rows.stream().skip(1).map(r -> r.get(0)).filter(s -> !s.equals(Simulation.BASELINE_SERIES)).findFirst().orElse(rows.get(1).get(0));
        List<List<String>> own = rows.stream().skip(1).filter(r -> r.get(0).equals(series)).toList();
        List<String> last = own.get(own.size() - 1);
        finals.put("series", series);
        ObjectNode values = finals.putObject("final");
        for (int i = 2; i < header.size() && i < last.size(); i++) {
            number(values, header.get(i), last.get(i));
        }
        int accuracy = header.indexOf("accuracy");
        if (accuracy >= 0) {
            own.stream().map(r -> r.get(accuracy)).filter(c -> !c.isEmpty()).mapToDouble(Double::parseDouble).max()
                    .ifPresent(best -> values.put("best_accuracy", best));
        }
        return finals;
    }

    private static void number(ObjectNode into, String column, String cell) {
        try {
            double value = Double.parseDouble(cell);
            if (Double.isFinite(value)) {
                into.put(column, value);
                return;
            }
        } catch (NumberFormatException e) {
            // an empty cell (a round without that metric): no value
        }
        into.putNull(column);
    }
}
