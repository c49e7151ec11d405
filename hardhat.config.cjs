// Hardhat dev node for chainfl's Ethereum backend tests and benchmark (contracts are compiled by
// scripts/compile-contracts.cjs with solc-js, not by Hardhat).
// Mining: automine (one block per transaction) unless CHAINFL_HARDHAT_INTERVAL_MS is set, then one block
// every N ms holding whatever is pending.
const intervalMs = Number.parseInt(process.env.CHAINFL_HARDHAT_INTERVAL_MS || '', 10);

module.exports = {
  solidity: { version: '0.8.26', settings: { evmVersion: 'paris', optimizer: { enabled: true, runs: 200 } } },
  paths: { sources: './simulator/ledger-ethereum/src/main/solidity', cache: './.cache/hardhat', artifacts: './.cache/hardhat-artifacts' },
  networks: {
    hardhat: {
      // Cancun gas rules (calldata 16/4 gas per byte), as docs/ledger-contracts.md models them; Hardhat 2.29's
      // default, Prague, adds EIP-7623's calldata floor (up to 40 gas per byte) to calldata-heavy transactions.
      hardfork: 'cancun',
      mining: Number.isFinite(intervalMs) && intervalMs > 0 ? { auto: false, interval: intervalMs } : { auto: true },
    },
  },
};
