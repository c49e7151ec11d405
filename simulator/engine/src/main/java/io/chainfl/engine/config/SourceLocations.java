package io.chainfl.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Line and column of every key and value in a YAML document, indexed by JSON pointer, so errors found
 * after binding (ranges, missing keys) can still point into the file.
 */
final class SourceLocations {
    private final Map<String, JsonLocation> byPointer = new HashMap<>();

    static SourceLocations scan(ObjectMapper yaml, String text) throws IOException {
        SourceLocations locations = new SourceLocations();
        try (JsonParser parser = yaml.getFactory().createParser(text)) {
            while (parser.nextToken() != null) {
                // the first token seen for a pointer is the key itself, which is where a reader looks
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                locations.byPointer.putIfAbsent(pointer, parser.currentTokenLocation());
            }
        }
        return locations;
    }

    static SourceLocations empty() {
        return new SourceLocations();
    }

    /** The location of the pointer or of its nearest ancestor that appears in the file, or null. */
    JsonLocation find(String pointer) {
        String p = pointer;
        while (true) {
            JsonLocation location = byPointer.get(p);
            if (location != null || p.isEmpty()) {
                return location;
            }
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "" : p.substring(0, slash);
        }
    }
}
