package io.chainfl.engine.ledger;

/**
 * A contract rejected a call (Solidity {@code require}/{@code revert}). Both backends raise it with the
 * contract's reason string, whether the node reported the revert as an RPC error or as a mined receipt
 * with status 0.
 */
public class LedgerRevertException extends RuntimeException {
    private final String contract;
    private final String reason;

    public LedgerRevertException(String contract, String reason) {
        super(contract + " reverted: " + reason);
        this.contract = contract;
        this.reason = reason;
    }

    public String contract() {
        return contract;
    }

    public String reason() {
        return reason;
    }
}
