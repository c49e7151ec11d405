package io.chainfl.ledger.ethereum;

import io.chainfl.engine.config.EthereumLedgerConfig;
import io.chainfl.ledger.LedgerEntry;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;

/** Config and data helpers shared by the Ethereum tests. */
final class TestLedgers {
    private TestLedgers() {}

    static EthereumLedgerConfig config(String url) {
        return new EthereumLedgerConfig(url, null, null, null, 20, 60_000, 2, 100, 400);
    }

    static EthereumLedger open(HardhatNode node) {
        return EthereumLedger.open(config(node.url()));
    }

    static LedgerEntry entry(long round, String sender, String kind) {
        return new LedgerEntry(round, sender, kind, Hash.sha3((round + sender + kind).getBytes(StandardCharsets.UTF_8)), 1000);
    }
}
