package io.chainfl.ledger;

import java.util.List;

/**
 * An event a contract emitted, in a backend-neutral form so the simulated chain and a real node can be
 * compared: arguments as strings (integers in decimal, bytes32 as 0x-prefixed lower-case hex, integer arrays
 * as {@code [1,2,3]}), in declaration order. See docs/ledger-contracts.md for every event.
 */
public record LedgerEvent(String contract, String name, List<String> args, long blockNumber) {
    public LedgerEvent {
        args = List.copyOf(args);
    }
}
