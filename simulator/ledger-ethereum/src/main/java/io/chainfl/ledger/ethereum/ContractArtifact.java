package io.chainfl.ledger.ethereum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A compiled contract as scripts/compile-contracts.cjs writes it (resources .../ethereum/contracts/NAME.json). */
record ContractArtifact(String name, JsonNode abi, String bytecode, String solcVersion, String sourceSha256) {
    static final String RESOURCE_DIR = "/io/chainfl/ledger/ethereum/contracts/";

    static ContractArtifact load(String name) {
        try (InputStream in = ContractArtifact.class.getResourceAsStream(RESOURCE_DIR + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("compiled contract " + name + ".json missing from the class path");
            }
            JsonNode json = new ObjectMapper().readTree(in);
            return new ContractArtifact(name, json.get("abi"), json.get("bytecode").asText(),
                    json.get("solcVersion").asText(), json.get("sourceSha256").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read compiled contract " + name, e);
        }
    }
}
