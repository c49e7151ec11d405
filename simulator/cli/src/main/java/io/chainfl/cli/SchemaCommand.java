package io.chainfl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chainfl.engine.config.ConfigReference;
import io.chainfl.engine.config.JsonSchemaGenerator;
import picocli.CommandLine.Option;
import io.chainfl.scenarios.ScenarioRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema of scenario YAML files, for editor autocompletion.",
            "VS Code (YAML extension): chainfl schema > chainfl.schema.json, then add",
            "'# yaml-language-server: $schema=chainfl.schema.json' as the first line of a config."})
final class SchemaCommand implements Callable<Integer> {
    @Option(names = "--markdown", description = "print the config reference as a Markdown table instead (docs/config.md)")
    boolean markdown;

    @Override
    public Integer call() throws Exception {
        System.out.print(render(markdown));
        return 0;
    }

    static String render(boolean markdown) throws Exception {
        var schema = new JsonSchemaGenerator(ScenarioRegistry.configTypes()).generate();
        if (markdown) {
            return ConfigReference.markdown(schema);
        }
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schema) + "\n";
    }
}
