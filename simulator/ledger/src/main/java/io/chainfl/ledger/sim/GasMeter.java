package io.chainfl.ledger.sim;

/** Adds up one transaction's gas, one EVM operation at a time; reused (reset per transaction). */
final class GasMeter {
    private long used;

    GasMeter start(GasSchedule.Function function, AbiEncoder call) {
        used = GasSchedule.TX_BASE + call.calldataGas() + function.overhead();
        return this;
    }

    /** Reads a storage slot for the first time in this transaction. */
    GasMeter coldLoad() {
        used += GasSchedule.COLD_SLOAD;
        return this;
    }

    /** Writes a slot this transaction already read (warm): the cost depends on the slot's zero-ness. */
    GasMeter store(boolean wasZero, boolean changes) {
        used += !changes ? GasSchedule.WARM_ACCESS : wasZero ? GasSchedule.SSTORE_SET : GasSchedule.SSTORE_RESET;
        return this;
    }

    /** Reads then writes a slot (a counter, a balance): cold load plus warm store. */
    GasMeter update(boolean wasZero, boolean changes) {
        return coldLoad().store(wasZero, changes);
    }

    /** Writes a fresh slot that was never read in this transaction. */
    GasMeter coldSet() {
        used += GasSchedule.COLD_SLOAD + GasSchedule.SSTORE_SET;
        return this;
    }

    GasMeter log(int topics, long dataBytes) {
        used += GasSchedule.log(topics, dataBytes);
        return this;
    }

    GasMeter keccak(long bytes) {
        used += GasSchedule.keccak(bytes);
        return this;
    }

    GasMeter add(long gas) {
        used += gas;
        return this;
    }

    long used() {
        return used;
    }
}
