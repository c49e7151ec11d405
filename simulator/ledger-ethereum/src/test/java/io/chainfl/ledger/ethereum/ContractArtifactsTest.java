package io.chainfl.ledger.ethereum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.Hashes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The committed ABI/bytecode JSON is what the committed Solidity sources compile to. */
class ContractArtifactsTest {
    private static final Path ROOT = HardhatNode.projectDir();

    @Test
    void sourceHashesMatchTheSolidityFiles() throws Exception {
        // DanKu is deployed on first use, not with the four, but ships the same way
        for (String name : java.util.stream.Stream.concat(EthereumLedger.CONTRACTS.stream(), java.util.stream.Stream.of("DanKu", "RewardPool", "ProofOfLearning")).toList()) {
            ContractArtifact artifact = ContractArtifact.load(name);
            byte[] source = Files.readAllBytes(ROOT.resolve("simulator/ledger-ethereum/src/main/solidity/" + name + ".sol"));
            assertEquals(Hashes.hex(Hashes.sha256(source)), artifact.sourceSha256(),
                    name + ".sol changed: run node scripts/compile-contracts.cjs and commit the JSON");
            assertTrue(artifact.bytecode().startsWith("0x") && artifact.bytecode().length() > 100);
            assertTrue(artifact.solcVersion().startsWith("0.8."));
        }
    }

    @Test
    void recompilingGivesTheCommittedArtifacts() throws Exception {
        if (!Files.isDirectory(ROOT.resolve("node_modules/solc"))) {
            HardhatNode.start(0).close(); // runs npm ci
        }
        Process check = new ProcessBuilder("node", "scripts/compile-contracts.cjs", "--check")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, check.exitValue(), output);
    }
}
