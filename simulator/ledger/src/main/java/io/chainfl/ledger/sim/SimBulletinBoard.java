package io.chainfl.ledger.sim;

import io.chainfl.ledger.BulletinBoard;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.TxReceipt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Java mirror of {@code BulletinBoard.sol} (docs/ledger-contracts.md). */
final class SimBulletinBoard implements BulletinBoard {
    static final String CONTRACT = "BulletinBoard";
    private final SimulatedChain chain;
    private final Names names;
    /**
     * hashes[keccak256(round, sender, kind)], grouped by round: posts arrive round by round, so the current
     * round's small map stays in cache where one large map would miss on almost every post.
     */
    private final Map<Long, Map<Key, Bytes32>> hashesByRound = new HashMap<>();
    private long cachedRound = -1;
    private Map<Key, Bytes32> cachedRoundHashes;
    private long posts;

    SimBulletinBoard(SimulatedChain chain, Names names) {
        this.chain = chain;
        this.names = names;
    }

    private record Key(long round, Bytes32 sender, Bytes32 kind) {
        // ids are keccak outputs: their first word is already uniformly mixed
        @Override
        public int hashCode() {
            return Long.hashCode(round * 0x9E3779B97F4A7C15L + sender.w0() * 31 + kind.w0());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && round == k.round && sender.equals(k.sender) && kind.equals(k.kind);
        }
    }

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
            Bytes32 messageHash = Bytes32.of(entry.messageHash());
            // one map probe: the store is undone below if the transaction cannot be included
            Map<Key, Bytes32> hashes = roundHashes(key.round());
            if (hashes.putIfAbsent(key, messageHash) != null) {
                throw new LedgerRevertException(CONTRACT, "already posted");
            }
            Post call = new Post(key.round(), key.sender(), key.kind(), messageHash);
            long gas = chain.encode(call)
                    .keccak(3 * 32)
                    .update(true, true) // hashes[key]: checked, then set from zero
                    .update(posts == 0, true) // posts++
                    .log(1, 4 * 32)
                    .used();
            TxReceipt receipt;
            try {
                receipt = chain.include(call, gas);
            } catch (RuntimeException e) {
                hashes.remove(key);
                throw e;
            }
            posts++;
            return receipt;
        }
    }

    @Override
    public Optional<byte[]> hashOf(long round, String sender, String kind) {
        synchronized (chain) {
            return Optional.ofNullable(roundHashes(round).get(new Key(round, names.id(sender), names.id(kind)))).map(Bytes32::toBytes);
        }
    }

    private Map<Key, Bytes32> roundHashes(long round) {
        if (round != cachedRound || cachedRoundHashes == null) {
            cachedRoundHashes = hashesByRound.computeIfAbsent(round, r -> new HashMap<>());
            cachedRound = round;
        }
        return cachedRoundHashes;
    }

    long posts() {
        synchronized (chain) {
            return posts;
        }
    }
}
