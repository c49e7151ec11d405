package io.chainfl.cli.tables;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chainfl.engine.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** docs/tables.yaml: the list of generated tables, read strictly (an unknown key is an error naming it). */
public record TableFile(List<TableSpec> tables) {
    public static final String PATH = "docs/tables.yaml";

    public static TableFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such file; run from the project root or pass --root DIR");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        TableFile parsed;
        try {
            parsed = yaml.readValue(file.toFile(), TableFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new UserError(file + ": " + keyPath(e) + ": unknown key; known keys here: "
                    + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()));
        } catch (JsonMappingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new UserError(file + where + ": " + e.getOriginalMessage().lines().findFirst().orElse("invalid"));
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
        Set<String> ids = new HashSet<>();
        for (TableSpec table : parsed.tables()) {
            if (table.id() == null || !table.id().matches("[a-z0-9-]+")) {
                throw new UserError(file + ": table id '" + table.id() + "' must be lower-case letters, digits and dashes");
            }
            if (!ids.add(table.id())) {
                throw new UserError(file + ": table id '" + table.id() + "' appears twice");
            }
            if (table.runs() == null || table.runs().isEmpty() || table.rows() == null || table.rows().isEmpty()
                    || table.columns() == null || table.columns().isEmpty()) {
                throw new UserError(file + ": table '" + table.id() + "' needs runs, rows and columns");
            }
        }
        return parsed;
    }

    /** {@code tables[0].colums}: where a key sits, as a reader of the YAML would name it. */
    private static String keyPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            }
        }
        return path.toString();
    }
}
