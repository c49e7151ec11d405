package io.chainfl.ledger.ethereum;

import io.chainfl.ledger.GradientExchange;
import io.chainfl.ledger.TxReceipt;
import org.web3j.abi.datatypes.DynamicBytes;

/** GradientExchange.sol through web3j: the payload travels as calldata. */
final class EthGradientExchange implements GradientExchange {
    private final ContractClient contract;

    EthGradientExchange(ContractClient contract) {
        this.contract = contract;
    }

    /**
     * Calldata (16 gas a byte, or Prague's EIP-7623 floor of 40), hashing and memory (quadratic past a few
     * hundred KiB), with headroom.
     */
    static long gasLimit(int payloadBytes) {
        long words = (payloadBytes + 31L) / 32;
        return 150_000 + 48L * payloadBytes + words * words / 512;
    }

    @Override
    public TxReceipt post(long round, String sender, byte[] payload) {
        return contract.receipt(contract.transact(
                Abi.function("post", Abi.u64(round), Names.bytes32(sender), new DynamicBytes(payload)), gasLimit(payload.length)));
    }
}
