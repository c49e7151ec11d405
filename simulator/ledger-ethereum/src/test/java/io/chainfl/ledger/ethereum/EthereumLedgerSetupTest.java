package io.chainfl.ledger.ethereum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.EthereumContractsConfig;
import io.chainfl.engine.config.EthereumLedgerConfig;
import io.chainfl.engine.config.LedgerConfig;
import io.chainfl.engine.config.LedgerType;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.Ledgers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connection set-up on an instant-mining node: user errors, attaching, the ServiceLoader entry point. */
@ExtendWith(HardhatExtension.class)
class EthereumLedgerSetupTest {
    @Test
    void unreachableNodeIsAUserErrorNamingTheAddress() throws Exception {
        String url = "http://127.0.0.1:" + HardhatNode.freePort(); // nothing listens there
        UserError e = assertThrows(UserError.class, () -> EthereumLedger.open(TestLedgers.config(url)));
        assertTrue(e.getMessage().startsWith("cannot reach the Ethereum node at " + url + " (2 retries over 0.3 s): connection refused"), e.getMessage());
        assertTrue(e.getMessage().contains("ledger.ethereum.rpc_url") && !e.getMessage().contains("\n"));
    }

    @Test
    void wrongChainIdIsAUserError(HardhatNode node) {
        EthereumLedgerConfig config = TestLedgers.config(node.url()).withChainId(1L);
        UserError e = assertThrows(UserError.class, () -> EthereumLedger.open(config));
        assertTrue(e.getMessage().contains("reports chain id 31337, but ledger.ethereum.chain_id expects 1"), e.getMessage());
    }

    @Test
    void unfundedAccountIsAUserErrorNamingIt(HardhatNode node) {
        String key = "0x" + "11".repeat(32);
        EthereumLedgerConfig base = TestLedgers.config(node.url());
        EthereumLedgerConfig config = new EthereumLedgerConfig(base.rpcUrl(), key, null, null, 20, 60_000, 1, 100, 100);
        UserError e = assertThrows(UserError.class, () -> EthereumLedger.open(config));
        String address = org.web3j.crypto.Credentials.create(key.substring(2)).getAddress();
        assertTrue(e.getMessage().contains("account " + address + " has no ether"), e.getMessage());
    }

    @Test
    void attachesToConfiguredContractsAndChecksTheChainId(HardhatNode node) {
        LedgerEntry entry = TestLedgers.entry(3, "participant-1", "update");
        Map<String, String> addresses;
        try (EthereumLedger first = EthereumLedger.open(TestLedgers.config(node.url()).withChainId(31337L))) {
            assertEquals(31337, first.chainId());
            first.bulletinBoard().post(entry);
            addresses = first.addresses();
        }
        EthereumContractsConfig attach = new EthereumContractsConfig(addresses.get("BulletinBoard"), addresses.get("Election"),
                addresses.get("Escrow"), addresses.get("GradientExchange"));
        try (EthereumLedger second = EthereumLedger.open(TestLedgers.config(node.url()).withContracts(attach))) {
            assertEquals(addresses, second.addresses());
            assertArrayEquals(entry.messageHash(), second.bulletinBoard().hashOf(3, "participant-1", "update").orElseThrow());
        }
        EthereumContractsConfig nothingThere = new EthereumContractsConfig("0x" + "00".repeat(19) + "01", null, null, null);
        UserError e = assertThrows(UserError.class, () -> EthereumLedger.open(TestLedgers.config(node.url()).withContracts(nothingThere)));
        assertTrue(e.getMessage().startsWith("ledger.ethereum.contracts.bulletin_board: no contract at"), e.getMessage());
    }

    @Test
    void ledgersFindsTheBackendThroughServiceLoader(HardhatNode node) {
        LedgerConfig config = new LedgerConfig(LedgerType.ETHEREUM, null, TestLedgers.config(node.url()));
        try (Ledger ledger = Ledgers.create(config, new io.chainfl.engine.seed.SeedStreams(1))) {
            assertInstanceOf(EthereumLedger.class, ledger);
            ledger.bulletinBoard().post(TestLedgers.entry(1, "p", "k"));
            assertEquals(1, ledger.stats().transactions());
            assertTrue(ledger.verifyChain());
        }
    }
}
