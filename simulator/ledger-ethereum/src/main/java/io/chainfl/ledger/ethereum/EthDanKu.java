package io.chainfl.ledger.ethereum;

import io.chainfl.ledger.DanKu;
import io.chainfl.ledger.TxReceipt;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Supplier;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int16;
import org.web3j.abi.datatypes.generated.Int32;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * DanKu.sol through web3j. The contract is deployed on first use ({@code contract} is a supplier), so runs that
 * never open a market send exactly the transactions they sent before DanKu existed.
 */
final class EthDanKu implements DanKu {
    /** revealTest's gas limit: the evaluation's gas grows with rows x classes x features (see scripts/danku-gas.cjs). */
    private static final long MAX_GAS = 29_000_000;
    private final Supplier<ContractClient> contract;

    EthDanKu(Supplier<ContractClient> contract) {
        this.contract = contract;
    }

    private TxReceipt send(org.web3j.abi.datatypes.Function f, long gas) {
        ContractClient c = contract.get();
        return c.receipt(c.transact(f, gas));
    }

    private static DynamicArray<Int16> rows(short[] rows) {
        Int16[] values = new Int16[rows.length];
        for (int i = 0; i < rows.length; i++) {
            values[i] = new Int16(BigInteger.valueOf(rows[i]));
        }
        return new DynamicArray<>(Int16.class, values);
    }

    private static DynamicArray<Int32> weights(int[] weights) {
        Int32[] values = new Int32[weights.length];
        for (int i = 0; i < weights.length; i++) {
            values[i] = new Int32(BigInteger.valueOf(weights[i]));
        }
        return new DynamicArray<>(Int32.class, values);
    }

    private static Uint32 u32(int v) {
        return new Uint32(BigInteger.valueOf(Integer.toUnsignedLong(v)));
    }

    @Override
    public TxReceipt credit(String account, long amount) {
        return send(Abi.function("credit", Names.bytes32(account), Abi.u64(amount)), 120_000);
    }

    @Override
    public TxReceipt create(long market, String organizer, long reward, List<byte[]> groupHashes, Terms t) {
        DynamicArray<Bytes32> hashes = new DynamicArray<>(Bytes32.class, groupHashes.stream().map(Bytes32::new).toList());
        List<Long> terms = List.of((long) t.testGroups(), (long) t.features(), (long) t.classes(), t.thresholdPpm(),
                t.submitUntilMillis(), t.revealUntilMillis(), t.commitReveal() ? 1L : 0L);
        return send(Abi.function("create", Abi.u64(market), Names.bytes32(organizer), Abi.u64(reward), hashes, Abi.u64s(terms)),
                300_000 + 50_000L * groupHashes.size());
    }

    @Override
    public TxReceipt revealTraining(long market, int group, byte[] salt, short[] rows) {
        return send(Abi.function("revealTraining", Abi.u64(market), u32(group), new Bytes32(salt), rows(rows)), 200_000 + 1_000L * rows.length);
    }

    @Override
    public SubmissionReceipt submit(long market, String submitter, int[] weights, long nowMillis) {
        ContractClient c = contract.get();
        TransactionReceipt r = c.transact(Abi.function("submit", Abi.u64(market), Names.bytes32(submitter), weights(weights), Abi.u64(nowMillis)),
                300_000 + 6_000L * weights.length);
        String index = c.event(r, "Submitted").orElseThrow(() -> new IllegalStateException("submit emitted no Submitted event")).get(1);
        return new SubmissionReceipt(Integer.parseInt(index), c.receipt(r));
    }

    @Override
    public SubmissionReceipt commit(long market, String submitter, byte[] commitment, long nowMillis) {
        ContractClient c = contract.get();
        TransactionReceipt r = c.transact(Abi.function("commit", Abi.u64(market), Names.bytes32(submitter), new Bytes32(commitment),
                Abi.u64(nowMillis)), 300_000);
        String index = c.event(r, "Committed").orElseThrow(() -> new IllegalStateException("commit emitted no Committed event")).get(1);
        return new SubmissionReceipt(Integer.parseInt(index), c.receipt(r));
    }

    @Override
    public TxReceipt openModel(long market, int index, byte[] salt, int[] weights, long nowMillis) {
        return send(Abi.function("openModel", Abi.u64(market), u32(index), new Bytes32(salt), weights(weights), Abi.u64(nowMillis)),
                300_000 + 6_000L * weights.length);
    }

    @Override
    public TxReceipt revealTest(long market, int group, byte[] salt, short[] rows, long nowMillis) {
        return send(Abi.function("revealTest", Abi.u64(market), u32(group), new Bytes32(salt), rows(rows), Abi.u64(nowMillis)), MAX_GAS);
    }

    @Override
    public TxReceipt finalizeMarket(long market, long nowMillis) {
        return send(Abi.function("finalize", Abi.u64(market), Abi.u64(nowMillis)), 2_000_000);
    }

    @SuppressWarnings("rawtypes")
    private List<Type> view(String name, TypeReference<?> output, Type... inputs) {
        return contract.get().view(Abi.view(name, List.of(output), inputs));
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
    public int testStartOf(long market) {
        return (int) Abi.longValue(view("testStartOf", new TypeReference<Uint32>() {}, Abi.u64(market)).get(0));
    }

    @Override
    public int submissionCount(long market) {
        return (int) Abi.longValue(view("submissionCount", new TypeReference<Uint32>() {}, Abi.u64(market)).get(0));
    }

    @Override
    public long correctOf(long market, int index) {
        return Abi.longValue(view("correctOf", new TypeReference<Uint64>() {}, Abi.u64(market), u32(index)).get(0));
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public int[] weightsOf(long market, int index) {
        List<Type> out = view("weightsOf", new TypeReference<DynamicArray<Int32>>() {}, Abi.u64(market), u32(index));
        List<Int32> values = ((DynamicArray<Int32>) out.get(0)).getValue();
        return values.stream().mapToInt(v -> v.getValue().intValueExact()).toArray();
    }
}
