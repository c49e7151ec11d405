package io.chainfl.ledger.sim;

import io.chainfl.ledger.GradientExchange;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.TxReceipt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Java mirror of {@code GradientExchange.sol}: payloads are paid for as calldata, only their hash is kept. */
final class SimGradientExchange implements GradientExchange {
    static final String CONTRACT = "GradientExchange";
    private final SimulatedChain chain;
    private final Names names;
    private final Map<Key, Bytes32> hashes = new HashMap<>();
    private long bytesPosted;

    SimGradientExchange(SimulatedChain chain, Names names) {
        this.chain = chain;
        this.names = names;
    }

    private record Key(long round, Bytes32 sender) {}

    /** The payload itself is not retained; the transaction commits to its hash (see {@link AbiEncoder#committedBytes}). */
    record Post(long round, Bytes32 sender, Bytes32 payloadHash, byte[] payloadOrNull, int length) implements ChainCall {
        @Override
        public GasSchedule.Function function() {
            return GasSchedule.Function.GRADIENT_POST;
        }

        @Override
        public void encode(long nonce, AbiEncoder abi) {
            abi.begin(nonce, function().selector(), 3);
            abi.uint(round);
            abi.bytes32(sender);
            // at submission the payload is present and paid for; when re-encoding for verification only its hash is
            abi.committedBytes(payloadOrNull == null ? new byte[length] : payloadOrNull, payloadHash);
        }

        Post withoutPayload() {
            return new Post(round, sender, payloadHash, null, length);
        }

        @Override
        public void emit(long blockNumber, List<LedgerEvent> out) {
            out.add(new LedgerEvent(CONTRACT, "Posted", List.of(Long.toUnsignedString(round), sender.toString(), payloadHash.toString(), Integer.toString(length)), blockNumber));
        }
    }

    @Override
    public TxReceipt post(long round, String sender, byte[] payload) {
        synchronized (chain) {
            Key key = new Key(round, names.id(sender));
            if (hashes.containsKey(key)) {
                throw new LedgerRevertException(CONTRACT, "already posted");
            }
            Post call = new Post(round, key.sender(), Bytes32.of(Keccak256.hash(payload)), payload, payload.length);
            long words = GasSchedule.words(payload.length);
            long gas = chain.encode(call)
                    .keccak(2 * 32)
                    .update(true, true) // hashes[key]
                    .add(GasSchedule.COPY_WORD * words + GasSchedule.memory(payload.length + 4 * 32L)) // calldata to memory
                    .keccak(payload.length)
                    .update(bytesPosted == 0, payload.length != 0) // bytesPosted += length
                    .log(1, 4 * 32)
                    .used();
            hashes.put(key, call.payloadHash());
            bytesPosted += payload.length;
            return chain.include(call.withoutPayload(), gas);
        }
    }

    long bytesPosted() {
        synchronized (chain) {
            return bytesPosted;
        }
    }
}
