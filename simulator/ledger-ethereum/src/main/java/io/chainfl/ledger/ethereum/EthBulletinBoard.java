package io.chainfl.ledger.ethereum;

import io.chainfl.ledger.BulletinBoard;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.TxReceipt;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;

/** BulletinBoard.sol through web3j. */
final class EthBulletinBoard implements BulletinBoard {
    static final long POST_GAS = 200_000;

    private final ContractClient contract;

    EthBulletinBoard(ContractClient contract) {
        this.contract = contract;
    }

    static Function postFunction(LedgerEntry entry) {
        return Abi.function("post", Abi.u64(entry.round()), Names.bytes32(entry.sender()), Names.bytes32(entry.kind()),
                new Bytes32(entry.messageHash()));
    }

    @Override
    public TxReceipt post(LedgerEntry entry) {
        return contract.receipt(contract.transact(postFunction(entry), POST_GAS));
    }

    /** Sends a post without waiting for it to be mined (the benchmark's open loop). */
    TxSender.Sent submit(LedgerEntry entry) {
        return contract.submit(postFunction(entry), POST_GAS);
    }

    @Override
    public Optional<byte[]> hashOf(long round, String sender, String kind) {
        Function f = Abi.view("hashOf", List.of(new TypeReference<Bytes32>() {}),
                Abi.u64(round), Names.bytes32(sender), Names.bytes32(kind));
        byte[] hash = ((Bytes32) contract.view(f).get(0)).getValue();
        return Arrays.equals(hash, new byte[32]) ? Optional.empty() : Optional.of(hash);
    }
}
