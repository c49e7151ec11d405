package io.chainfl.ledger.ethereum;

import io.chainfl.ledger.Escrow;
import io.chainfl.ledger.TxReceipt;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Escrow.sol through web3j. */
final class EthEscrow implements Escrow {
    private final ContractClient contract;

    EthEscrow(ContractClient contract) {
        this.contract = contract;
    }

    @Override
    public TxReceipt mint(String account, long amount) {
        return contract.receipt(contract.transact(Abi.function("mint", Names.bytes32(account), Abi.u64(amount)), 120_000));
    }

    @Override
    public DepositReceipt deposit(String account, long amount, long unlockAtMillis) {
        TransactionReceipt r = contract.transact(Abi.function("deposit", Names.bytes32(account), Abi.u64(amount), Abi.u64(unlockAtMillis)), 200_000);
        String id = contract.event(r, "Deposited").orElseThrow(() -> new IllegalStateException("deposit emitted no Deposited event")).get(0);
        return new DepositReceipt(Long.parseLong(id), contract.receipt(r));
    }

    @Override
    public TxReceipt refund(long depositId, long nowMillis) {
        return contract.receipt(contract.transact(Abi.function("refund", Abi.u64(depositId), Abi.u64(nowMillis)), 120_000));
    }

    @Override
    public TxReceipt take(long depositId, List<String> takers, List<Long> weights) {
        long n = Math.max(takers.size(), weights.size());
        return contract.receipt(contract.transact(Abi.function("take", Abi.u64(depositId), Abi.names(takers), Abi.u64s(weights)),
                150_000 + 40_000 * n));
    }

    @Override
    public long balanceOf(String account) {
        return Abi.longValue(contract.view(Abi.view("balanceOf", List.of(new TypeReference<Uint64>() {}), Names.bytes32(account))).get(0));
    }

    @Override
    public long escrowed() {
        return Abi.longValue(contract.view(Abi.view("escrowed", List.of(new TypeReference<Uint64>() {}))).get(0));
    }
}
