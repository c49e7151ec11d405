package io.chainfl.ledger.ethereum;

import io.chainfl.ledger.RewardPool;
import io.chainfl.ledger.TxReceipt;
import java.util.List;
import java.util.function.Supplier;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.generated.Uint64;

/**
 * RewardPool.sol through web3j. Deployed on first use ({@code contract} is a supplier), as DanKu is, so runs that pay
 * no rewards send exactly the transactions they sent before the contract existed.
 */
final class EthRewardPool implements RewardPool {
    private final Supplier<ContractClient> contract;

    EthRewardPool(Supplier<ContractClient> contract) {
        this.contract = contract;
    }

    private TxReceipt send(org.web3j.abi.datatypes.Function f, long gas) {
        ContractClient c = contract.get();
        return c.receipt(c.transact(f, gas));
    }

    @Override
    public TxReceipt credit(String account, long amount) {
        return send(Abi.function("credit", Names.bytes32(account), Abi.u64(amount)), 120_000);
    }

    @Override
    public TxReceipt open(long pool, String owner, long amount, int rounds) {
        return send(Abi.function("open", Abi.u64(pool), Names.bytes32(owner), Abi.u64(amount), Abi.u32(rounds)), 200_000);
    }

    @Override
    public TxReceipt pay(long pool, int round, List<String> accounts, List<Long> shares) {
        long n = Math.max(accounts.size(), shares.size());
        return send(Abi.function("pay", Abi.u64(pool), Abi.u32(round), Abi.names(accounts), Abi.u64s(shares)), 120_000 + 40_000 * n);
    }

    @Override
    public TxReceipt close(long pool) {
        return send(Abi.function("close", Abi.u64(pool)), 150_000);
    }

    @Override
    public long balanceOf(String account) {
        return Abi.longValue(contract.get().view(Abi.view("balanceOf", List.of(new TypeReference<Uint64>() {}), Names.bytes32(account))).get(0));
    }

    @Override
    public long held() {
        return Abi.longValue(contract.get().view(Abi.view("held", List.of(new TypeReference<Uint64>() {}))).get(0));
    }

    @Override
    public long remainingOf(long pool) {
        return Abi.longValue(contract.get().view(Abi.view("remainingOf", List.of(new TypeReference<Uint64>() {}), Abi.u64(pool))).get(0));
    }
}
