package io.chainfl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chainfl.engine.config.JsonSchemaGenerator;
import io.chainfl.scenarios.ScenarioRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema of scenario YAML files, for editor autocompletion.",
            "VS Code (YAML extension): chainfl schema > chainfl.schema.json, then add",
            "'# yaml-language-server: $schema=chainfl.schema.json' as the first line of a config."})
final class SchemaCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        System.out.println(json.writeValueAsString(new JsonSchemaGenerator(ScenarioRegistry.paramTypes()).generate()));
        return 0;
    }
}
