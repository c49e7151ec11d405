package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/config.md is generated; this fails when a config key changes and the doc was not regenerated. */
class ConfigReferenceDocTest {
    @Test
    void docsMatchTheCode() throws Exception {
        Path doc = CliHarness.configs().getParent().resolve("docs/config.md");
        assertEquals(SchemaCommand.render(true), Files.readString(doc),
                "docs/config.md is stale: regenerate it with ./chainfl schema --markdown > docs/config.md");
    }
}
