package io.chainfl.ledger.ethereum;

import io.chainfl.ledger.ProofOfLearning;
import io.chainfl.ledger.TxReceipt;
import java.util.List;
import java.util.function.Supplier;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;

/**
 * ProofOfLearning.sol through web3j. Deployed on first use ({@code contract} is a supplier), as DanKu and RewardPool
 * are, so runs of other scenarios send exactly the transactions they sent before the contract existed.
 */
final class EthProofOfLearning implements ProofOfLearning {
    private final Supplier<ContractClient> contract;

    EthProofOfLearning(Supplier<ContractClient> contract) {
        this.contract = contract;
    }

    private TxReceipt send(org.web3j.abi.datatypes.Function f, long gas) {
        ContractClient c = contract.get();
        return c.receipt(c.transact(f, gas));
    }

    private List<org.web3j.abi.datatypes.Type> view(String name, TypeReference<?> output, org.web3j.abi.datatypes.Type... inputs) {
        return contract.get().view(Abi.view(name, List.of(output), inputs));
    }

    @Override
    public TxReceipt credit(String account, long amount) {
        return send(Abi.function("credit", Names.bytes32(account), Abi.u64(amount)), 120_000);
    }

    @Override
    public TxReceipt postTask(long task, String supplier, long fee, long validatorFee, long blockReward, List<String> validators) {
        return send(Abi.function("postTask", Abi.u64(task), Names.bytes32(supplier), Abi.u64(fee), Abi.u64(validatorFee), Abi.u64(blockReward),
                Abi.names(validators)), 200_000 + 30_000L * validators.size());
    }

    @Override
    public TxReceipt submit(long task, String trainer, byte[] modelHash) {
        return send(Abi.function("submit", Abi.u64(task), Names.bytes32(trainer), new Bytes32(modelHash)), 200_000);
    }

    @Override
    public TxReceipt rank(long task, String validator, List<Integer> order) {
        return send(Abi.function("rank", Abi.u64(task), Names.bytes32(validator), Abi.u32s(order)), 150_000 + 30_000L * order.size());
    }

    @Override
    public TxReceipt finalizeTask(long task) {
        return send(Abi.function("finalize", Abi.u64(task)), 150_000 + 60_000L);
    }

    @Override
    public long balanceOf(String account) {
        return Abi.longValue(view("balanceOf", new TypeReference<Uint64>() {}, Names.bytes32(account)).get(0));
    }

    @Override
    public long held() {
        return Abi.longValue(view("held", new TypeReference<Uint64>() {}).get(0));
    }

    @Override
    public long minted() {
        return Abi.longValue(view("minted", new TypeReference<Uint64>() {}).get(0));
    }

    @Override
    public int winnerOf(long task) {
        return (int) Abi.longValue(view("winnerOf", new TypeReference<Uint32>() {}, Abi.u64(task)).get(0)) - 1;
    }

    @Override
    public long pointsOf(long task, int index) {
        return Abi.longValue(view("pointsOf", new TypeReference<Uint64>() {}, Abi.u64(task), Abi.u32(index)).get(0));
    }
}
