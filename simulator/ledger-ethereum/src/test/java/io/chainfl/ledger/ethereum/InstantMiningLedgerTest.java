package io.chainfl.ledger.ethereum;

/** The contract tests on a node that mines one block per transaction (reverts come back as RPC errors). */
@Mining(intervalMs = 0)
class InstantMiningLedgerTest extends LedgerContractsTestBase {}
