package io.chainfl.ledger.ethereum;

import io.chainfl.engine.config.EthereumLedgerConfig;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.LedgerRevertException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Caliper-style benchmark of BulletinBoard.post on a Hardhat dev node, in both mining modes: an open loop
 * sends N transactions as fast as the node accepts them (one nonce sequence), then waits for every receipt.
 * Prints succeeded, failed, send rate, min/avg/max latency (send to receipt found) and throughput
 * (succeeded / time from the first send to the last receipt).
 * Usage: {@code LedgerBenchmark [transactions=500] [intervalMs...=0 1000]}; {@code -Dchainfl.rpc_url=URL} runs
 * against a running node instead (its mining mode as it is).
 */
public final class LedgerBenchmark {
    /** One benchmark round's figures. */
    public record Result(String label, int succeeded, int failed, double sendRate, double minLatencyMs,
                         double avgLatencyMs, double maxLatencyMs, double throughput) {
        String row() {
            return String.format("| %-28s | %5d | %4d | %9.1f | %8.0f | %8.0f | %8.0f | %10.1f |",
                    label, succeeded, failed, sendRate, minLatencyMs, avgLatencyMs, maxLatencyMs, throughput);
        }
    }

    private LedgerBenchmark() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        List<Long> intervals = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            intervals.add(Long.parseLong(args[i]));
        }
        if (intervals.isEmpty()) {
            intervals = List.of(0L, 1000L);
        }
        List<Result> results = new ArrayList<>();
        String external = System.getProperty("chainfl.rpc_url");
        if (external != null) {
            results.add(run("node at " + external, external, n));
        } else {
            for (long interval : intervals) {
                try (HardhatNode node = HardhatNode.start(interval)) {
                    results.add(run(interval == 0 ? "hardhat, automine" : "hardhat, " + interval + " ms blocks", node.url(), n));
                }
            }
        }
        System.out.println("BulletinBoard.post, " + n + " transactions per round");
        System.out.println("| name                         | succ  | fail | send rate | min (ms) | avg (ms) | max (ms) | throughput |");
        System.out.println("|------------------------------|------:|-----:|----------:|---------:|---------:|---------:|-----------:|");
        results.forEach(r -> System.out.println(r.row()));
        // the simulated backend in the same run, as the baseline the node figures are read against
        io.chainfl.ledger.sim.LedgerSimBenchmark.postsPerSecond(System.out);
    }

    public static Result run(String label, String url, int n) {
        EthereumLedgerConfig config = new EthereumLedgerConfig(url, null, null, null, 20, 300_000, 3, 100, 400);
        try (EthereumLedger ledger = EthereumLedger.open(config)) {
            EthBulletinBoard board = ledger.ethBulletinBoard();
            List<TxSender.Sent> sent = new ArrayList<>(n);
            long start = System.nanoTime();
            int failed = 0;
            for (int i = 0; i < n; i++) {
                byte[] hash = Hash.sha3(("update-" + i).getBytes(StandardCharsets.UTF_8));
                try {
                    sent.add(board.submit(new LedgerEntry(1, "participant-" + i, "update", hash, 0)));
                } catch (LedgerRevertException e) {
                    failed++;
                }
            }
            long sendEnd = System.nanoTime();
            double min = Double.MAX_VALUE;
            double max = 0;
            double sum = 0;
            int succeeded = 0;
            long lastReceipt = sendEnd;
            for (TxSender.Sent s : sent) {
                try {
                    TransactionReceipt r = ledger.sender().await(s);
                    lastReceipt = Math.max(lastReceipt, s.receiptFoundNanos());
                    if (r.isStatusOK()) {
                        succeeded++;
                    }
                } catch (LedgerRevertException e) {
                    failed++;
                    continue;
                }
                double latency = (s.receiptFoundNanos() - s.sentNanos()) / 1e6;
                min = Math.min(min, latency);
                max = Math.max(max, latency);
                sum += latency;
            }
            double sendSeconds = (sendEnd - start) / 1e9;
            double totalSeconds = (lastReceipt - start) / 1e9;
            return new Result(label, succeeded, failed, n / sendSeconds, succeeded == 0 ? 0 : min,
                    succeeded == 0 ? 0 : sum / succeeded, max, succeeded / totalSeconds);
        }
    }
}
