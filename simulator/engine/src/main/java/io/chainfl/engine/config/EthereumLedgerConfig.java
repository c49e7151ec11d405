package io.chainfl.engine.config;

/**
 * Settings of the Ethereum backend (ledger.type: ethereum). The default key is Hardhat's (and Anvil's)
 * well-known development account #0: public knowledge, for dev nodes only, never for a network with value.
 */
public record EthereumLedgerConfig(
        @Doc("JSON-RPC endpoint of the node (Besu, or a Hardhat node in CI)") String rpcUrl,
        @Doc("hex private key of the operator account that signs every transaction; default: Hardhat's dev account #0 (dev-only, publicly known)") String privateKey,
        @Doc("chain id the node must report (eth_chainId); unset: accept whatever the node reports") @Range(min = 1) Long chainId,
        @Doc("deployed contracts to attach to instead of deploying new ones") EthereumContractsConfig contracts,
        @Doc("how often to poll the node for new blocks and receipts, in ms") @Range(min = 1, max = 60_000) Integer pollIntervalMs,
        @Doc("how long to wait for a transaction receipt or a node answer before giving up, in ms") @Range(min = 100, max = 3_600_000) Integer timeoutMs,
        @Doc("retries of a JSON-RPC call that failed with an I/O error (node unreachable, connection reset) before the run fails; sending a transaction again resends the same signed bytes, so a retry never makes a second transaction") @Range(min = 0, max = 30) Integer retries,
        @Doc("pause before the first retry, in ms; it doubles with every further retry up to backoff_max_ms") @Range(min = 1, max = 600_000) Integer backoffMs,
        @Doc("longest pause between two retries, in ms (a value below backoff_ms means backoff_ms)") @Range(min = 1, max = 600_000) Integer backoffMaxMs) {

    /** Hardhat/Anvil dev account #0 (0xf39F...2266): publicly known, dev-only. */
    public static final String DEV_PRIVATE_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    public EthereumLedgerConfig {
        rpcUrl = rpcUrl == null ? "http://127.0.0.1:8545" : rpcUrl;
        privateKey = privateKey == null ? DEV_PRIVATE_KEY : privateKey;
        contracts = contracts == null ? EthereumContractsConfig.defaults() : contracts;
        pollIntervalMs = pollIntervalMs == null ? 25 : pollIntervalMs;
        timeoutMs = timeoutMs == null ? 120_000 : timeoutMs;
        retries = retries == null ? 5 : retries;
        backoffMs = backoffMs == null ? 250 : backoffMs;
        backoffMaxMs = backoffMaxMs == null ? 4_000 : backoffMaxMs;
    }

    public static EthereumLedgerConfig defaults() {
        return new EthereumLedgerConfig(null, null, null, null, null, null, null, null, null);
    }

    public EthereumLedgerConfig withRpcUrl(String url) {
        return new EthereumLedgerConfig(url, privateKey, chainId, contracts, pollIntervalMs, timeoutMs, retries, backoffMs, backoffMaxMs);
    }

    public EthereumLedgerConfig withChainId(Long expected) {
        return new EthereumLedgerConfig(rpcUrl, privateKey, expected, contracts, pollIntervalMs, timeoutMs, retries, backoffMs, backoffMaxMs);
    }

    public EthereumLedgerConfig withContracts(EthereumContractsConfig attach) {
        return new EthereumLedgerConfig(rpcUrl, privateKey, chainId, attach, pollIntervalMs, timeoutMs, retries, backoffMs, backoffMaxMs);
    }
}
