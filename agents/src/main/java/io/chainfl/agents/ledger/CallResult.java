package io.chainfl.agents.ledger;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.chainfl.agents.CborSerializable;
import io.chainfl.ledger.ElectionResult;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.TxReceipt;
import java.util.Objects;

/** What one {@link ContractCall} gave: a receipt, a tally, a deposit id, a view's value, or the contract's revert reason. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "result")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CallResult.Receipt.class, name = "receipt"),
    @JsonSubTypes.Type(value = CallResult.Tallied.class, name = "tallied"),
    @JsonSubTypes.Type(value = CallResult.Deposited.class, name = "deposited"),
    @JsonSubTypes.Type(value = CallResult.Value.class, name = "value"),
    @JsonSubTypes.Type(value = CallResult.Done.class, name = "done"),
    @JsonSubTypes.Type(value = CallResult.Reverted.class, name = "reverted"),
    @JsonSubTypes.Type(value = CallResult.Weights.class, name = "weights")
})
public sealed interface CallResult extends CborSerializable {
    /** A transaction in the chain. */
    record Receipt(TxReceipt receipt) implements CallResult {
        public Receipt {
            Objects.requireNonNull(receipt, "receipt");
        }
    }

    /** An election counted: the winners, totals and the tally's receipt. */
    record Tallied(ElectionResult election) implements CallResult {}

    /** A deposit made: its id (for the refund or take later) and its receipt. */
    record Deposited(long depositId, TxReceipt receipt) implements CallResult {}

    /** A view's answer (a balance, the escrowed sum). */
    record Value(long value) implements CallResult {}

    /** A DanKu model's fixed-point weights as the chain holds them. */
    record Weights(java.util.List<Integer> weights) implements CallResult {
        public Weights {
            weights = java.util.List.copyOf(weights);
        }
    }

    /** A seal that completed. */
    record Done() implements CallResult {}

    /** The contract refused the call (the message a client sees for a failed transaction); the call changed nothing. */
    record Reverted(String contract, String reason) implements CallResult {
        /** The revert as the backend raised it: a user error, one line and exit 2, as when a protocol called the ledger itself. */
        public LedgerRevertException asException() {
            return new LedgerRevertException(contract, reason);
        }
    }
}
