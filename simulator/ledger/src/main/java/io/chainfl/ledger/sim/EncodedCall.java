package io.chainfl.ledger.sim;

import io.chainfl.ledger.LedgerEvent;
import java.util.List;

/**
 * A contract transaction as the simulated chain stores it: its function, how its arguments are ABI-encoded, and the
 * events its execution emitted (stamped with the block number when the block is sealed). Shared by the mirrors whose
 * events are known before inclusion (RewardPool, ProofOfLearning).
 */
record EncodedCall(GasSchedule.Function function, Encoding encoding, List<LedgerEvent> events) implements ChainCall {

    /** Writes a call's nonce, selector and arguments: what the transaction id hashes and calldata gas is charged on. */
    @FunctionalInterface
    interface Encoding {
        void encode(long nonce, int selector, AbiEncoder abi);
    }

    @Override
    public void encode(long nonce, AbiEncoder abi) {
        encoding.encode(nonce, function.selector(), abi);
    }

    @Override
    public void emit(long blockNumber, List<LedgerEvent> out) {
        for (LedgerEvent e : events) {
            out.add(new LedgerEvent(e.contract(), e.name(), e.args(), blockNumber));
        }
    }
}
