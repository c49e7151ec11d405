package io.chainfl.ledger.ethereum;

import io.chainfl.ledger.Election;
import io.chainfl.ledger.ElectionResult;
import io.chainfl.ledger.TxReceipt;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Election.sol through web3j. */
final class EthElection implements Election {
    private final ContractClient contract;

    EthElection(ContractClient contract) {
        this.contract = contract;
    }

    @Override
    public TxReceipt open(long round, int winners, List<Long> scoringVector) {
        Function f = Abi.function("open", Abi.u64(round), Abi.u32(winners), Abi.u64s(scoringVector));
        return contract.receipt(contract.transact(f, 150_000 + 25_000L * scoringVector.size()));
    }

    @Override
    public TxReceipt castBallot(long round, int voter, List<Integer> candidates, List<Long> scores) {
        Function f = Abi.function("castBallot", Abi.u64(round), Abi.u32(voter), Abi.u32s(candidates), Abi.u64s(scores));
        long n = Math.max(candidates.size(), scores.size());
        return contract.receipt(contract.transact(f, 200_000 + 60_000 * n + 600 * n * n));
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public ElectionResult tally(long round) {
        TransactionReceipt r = contract.transact(Abi.function("tally", Abi.u64(round)), 5_000_000);
        Function standings = Abi.view("standingsOf",
                List.of(new TypeReference<DynamicArray<Uint32>>() {}, new TypeReference<DynamicArray<Uint64>>() {}), Abi.u64(round));
        List<Type> out = contract.view(standings);
        List<Uint32> ids = ((DynamicArray<Uint32>) out.get(0)).getValue();
        List<Uint64> totals = ((DynamicArray<Uint64>) out.get(1)).getValue();
        SortedMap<Integer, Long> byId = new TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byId.put(ids.get(i).getValue().intValueExact(), totals.get(i).getValue().longValueExact());
        }
        List<Integer> winners = new ArrayList<>();
        String elected = contract.event(r, "Elected").orElseThrow(() -> new IllegalStateException("tally emitted no Elected event")).get(1);
        String inner = elected.substring(1, elected.length() - 1);
        if (!inner.isEmpty()) {
            for (String id : inner.split(",")) {
                winners.add(Integer.parseInt(id));
            }
        }
        return new ElectionResult(round, winners, byId, contract.receipt(r));
    }
}
