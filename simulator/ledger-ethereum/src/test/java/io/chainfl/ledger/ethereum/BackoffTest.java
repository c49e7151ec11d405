package io.chainfl.ledger.ethereum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.EthereumLedgerConfig;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The retry schedule for an unreachable node, and what it does against a port where nothing listens and
 * against a real dev node that starts while the calls are backing off.
 */
class BackoffTest {
    private static List<Long> schedule(Backoff backoff) {
        return IntStream.rangeClosed(1, backoff.retries()).mapToObj(r -> backoff.delayBeforeRetry(r)).toList();
    }

    @Test
    void doublesFromTheFirstPauseUpToTheCap() {
        assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L, 4000L, 4000L), schedule(new Backoff(7, 250, 4000)));
        assertEquals(List.of(100L, 200L, 300L), schedule(new Backoff(3, 100, 300)));
        assertEquals(250 + 500 + 1000 + 2000 + 4000 + 4000 + 4000, new Backoff(7, 250, 4000).totalDelayMs());
    }

    @Test
    void aCapBelowTheFirstPauseIsTheFirstPause() {
        assertEquals(List.of(500L, 500L), schedule(new Backoff(2, 500, 100)));
    }

    @Test
    void noRetriesMeansNoPauses() {
        Backoff none = new Backoff(0, 250, 4000);
        assertEquals(0, none.totalDelayMs());
        assertThrows(IllegalArgumentException.class, () -> none.delayBeforeRetry(1));
    }

    @Test
    void theConfigDefaultsWaitAboutEightSeconds() {
        EthereumLedgerConfig defaults = EthereumLedgerConfig.defaults();
        Backoff backoff = new Backoff(defaults.retries(), defaults.backoffMs(), defaults.backoffMaxMs());
        assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L), schedule(backoff));
        assertEquals(7750, backoff.totalDelayMs());
    }

    @Test
    void aNodeThatNeverAnswersFailsAfterTheRetriesWithOneLineNamingIt() throws Exception {
        String url = "http://127.0.0.1:" + HardhatNode.freePort();
        long start = System.nanoTime();
        try (Rpc rpc = new Rpc(url, 2_000, 20, new Backoff(3, 100, 150))) {
            UserError e = assertThrows(UserError.class, () -> rpc.send("eth_chainId", rpc.web3j().ethChainId()));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs >= 100 + 150 + 150, "waited only " + elapsedMs + " ms");
            assertEquals("cannot reach the Ethereum node at " + url + " (3 retries over 0.4 s): connection refused; start it (docs/ethereum.md)"
                    + " or set ledger.ethereum.rpc_url (ledger.ethereum.retries and backoff_ms wait longer)", e.getMessage());
        }
    }

    @Test
    void aNodeThatComesBackWhileTheCallBacksOffAnswersIt() throws Exception {
        int port = HardhatNode.freePort();
        CompletableFuture<HardhatNode> node = CompletableFuture.supplyAsync(() -> {
            Rpc.sleep(500);
            return HardhatNode.start(0, port);
        });
        try (Rpc rpc = new Rpc("http://127.0.0.1:" + port, 5_000, 20, new Backoff(30, 250, 2_000))) {
            long chainId = rpc.sendOrThrow("eth_chainId", rpc.web3j().ethChainId()).getChainId().longValueExact();
            assertEquals(31337, chainId, "Hardhat's chain id");
        } finally {
            node.join().close();
        }
    }
}
