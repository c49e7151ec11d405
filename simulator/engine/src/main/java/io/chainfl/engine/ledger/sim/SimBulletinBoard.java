package io.chainfl.engine.ledger.sim;

import io.chainfl.engine.ledger.BulletinBoard;
import io.chainfl.engine.ledger.LedgerEntry;
import io.chainfl.engine.ledger.LedgerEvent;
import io.chainfl.engine.ledger.LedgerRevertException;
import io.chainfl.engine.ledger.TxReceipt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Java mirror of {@code BulletinBoard.sol} (docs/ledger-contracts.md). */
final class SimBulletinBoard implements BulletinBoard {
    static final String CONTRACT = "BulletinBoard";
    private final SimulatedChain chain;
    private final Names names;
    private final Map<Key, Bytes32> hashes = new HashMap<>();
    private long posts;

    SimBulletinBoard(SimulatedChain chain, Names names) {
        this.chain = chain;
        this.names = names;
    }

    private record Key(long round, Bytes32 sender, Bytes32 kind) {}

    record Post(long round, Bytes32 sender, Bytes32 kind, Bytes32 messageHash) implements ChainCall {
        @Override
        public GasSchedule.Function function() {
            return GasSchedule.Function.BULLETIN_POST;
        }

        @Override
        public void encode(long nonce, AbiEncoder abi) {
            abi.begin(nonce, function().selector(), 4);
            abi.uint(round);
            abi.bytes32(sender);
            abi.bytes32(kind);
            abi.bytes32(messageHash);
        }

        @Override
        public void emit(long blockNumber, List<LedgerEvent> out) {
            out.add(new LedgerEvent(CONTRACT, "Posted", List.of(Long.toUnsignedString(round), sender.toString(), kind.toString(), messageHash.toString()), blockNumber));
        }
    }

    @Override
    public TxReceipt post(LedgerEntry entry) {
        synchronized (chain) {
            Key key = new Key(entry.round(), names.id(entry.sender()), names.id(entry.kind()));
            if (hashes.containsKey(key)) {
                throw new LedgerRevertException(CONTRACT, "already posted");
            }
            Post call = new Post(key.round(), key.sender(), key.kind(), Bytes32.of(entry.messageHash()));
            long gas = chain.encode(call)
                    .keccak(3 * 32)
                    .update(true, true) // hashes[key]: checked, then set from zero
                    .update(posts == 0, true) // posts++
                    .log(1, 4 * 32)
                    .used();
            hashes.put(key, call.messageHash());
            posts++;
            return chain.include(call, gas);
        }
    }

    @Override
    public Optional<byte[]> hashOf(long round, String sender, String kind) {
        synchronized (chain) {
            return Optional.ofNullable(hashes.get(new Key(round, names.id(sender), names.id(kind)))).map(Bytes32::toBytes);
        }
    }

    long posts() {
        synchronized (chain) {
            return posts;
        }
    }
}
