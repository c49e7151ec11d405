package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainfl.ledger.ethereum.HardhatNode;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SecCL runs on a real dev node as on the simulated chain: the bulletin board and the election live on the
 * node, and everything the protocol decides (accuracy, elected candidates, detections, transaction counts)
 * is the same on both backends, and so is the virtual time (both follow the run's block timeline; the node's own
 * timestamps are its wall clock); only gas is the backend's own.
 */
class SecclOnEthereumTest {
    private static final List<String> BACKEND_INDEPENDENT = List.of("series", "round", "accuracy", "loss", "macro_f1", "elected",
            "elected_adversaries", "detections", "relays_cheated", "ledger_txs", "virtual_time_s");

    private static List<List<String>> decisions(Path metrics) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(metrics)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                rows.add(BACKEND_INDEPENDENT.stream().map(r::get).toList());
            }
        }
        return rows;
    }

    @Test
    void sameDecisionsOnTheDevNodeAsOnTheSimulatedChain(@TempDir Path dir) throws Exception {
        String[] common = {"--set", "participants=5", "--set", "rounds=2", "--set", "model.type=softmax", "--set", "data.limit=1500",
            "--set", "scenario={type: seccl, lambda: 0.4}", "--set", "baseline.centralized=false",
            "--set", "adversaries=[{type: malicious_server, mode: tamper, victims: 1, start_round: 2}]"};
        String quickstart = CliHarness.configs().resolve("quickstart.yaml").toString();
        List<String> simulated = new ArrayList<>(List.of("run", quickstart, "--out", dir.resolve("sim").toString()));
        simulated.addAll(List.of(common));
        assertEquals(0, CliHarness.run(simulated.toArray(String[]::new)).exitCode());
        try (HardhatNode node = HardhatNode.start(0)) {
            List<String> onNode = new ArrayList<>(List.of("run", quickstart, "--out", dir.resolve("eth").toString(),
                    "--set", "ledger={type: ethereum, ethereum: {rpc_url: '" + node.url() + "'}}"));
            onNode.addAll(List.of(common));
            CliHarness.Result r = CliHarness.run(onNode.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.err());
        }
        assertEquals(decisions(dir.resolve("sim/metrics.csv")), decisions(dir.resolve("eth/metrics.csv")));
    }
}
