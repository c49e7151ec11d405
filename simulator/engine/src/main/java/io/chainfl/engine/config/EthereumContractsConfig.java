package io.chainfl.engine.config;

/**
 * Addresses of already deployed ledger contracts (ledger.ethereum.contracts). Each one left unset is deployed
 * afresh when the run starts; set all four to share contracts between runs.
 */
public record EthereumContractsConfig(
        @Doc("address (0x + 40 hex digits) of a deployed BulletinBoard; unset: deploy one") String bulletinBoard,
        @Doc("address of a deployed Election; unset: deploy one") String election,
        @Doc("address of a deployed Escrow; unset: deploy one") String escrow,
        @Doc("address of a deployed GradientExchange; unset: deploy one") String gradientExchange) {

    public static EthereumContractsConfig defaults() {
        return new EthereumContractsConfig(null, null, null, null);
    }
}
