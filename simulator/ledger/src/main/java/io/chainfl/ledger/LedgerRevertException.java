package io.chainfl.ledger;

/**
 * A contract rejected a call (Solidity {@code require}/{@code revert}). Both backends raise it with the
 * contract's reason string, whether the node reported the revert as an RPC error or as a mined receipt
 * with status 0. A user error: the CLI reports it as one line with exit code 2.
 */
public class LedgerRevertException extends io.chainfl.engine.UserError {
    private final String contract;
    private final String reason;

    public LedgerRevertException(String contract, String reason) {
        super("contract " + contract + " reverted the call: " + reason
                + " (the scenario asked for something the contract forbids; check the config values that drive it, or report a bug)");
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
