package io.chainfl.ledger.ethereum;

/** The contract tests on a node that mines a block every second (reverts come back as status-0 receipts). */
@Mining(intervalMs = 1000)
class IntervalMiningLedgerTest extends LedgerContractsTestBase {}
