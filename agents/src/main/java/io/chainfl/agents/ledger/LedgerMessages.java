package io.chainfl.agents.ledger;

import io.chainfl.agents.CborSerializable;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerStats;
import io.chainfl.ledger.TxReceipt;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The protocol of the ledger service ({@link LedgerNode}): bulletin-board transactions in, blocks sealed on
 * request, and the views that participants, servers and reports need (recorded hashes, events, stats). Every
 * message may cross JVMs, so a cluster member verifies the bulletin board against the same chain as the driver.
 */
public final class LedgerMessages {
    /** Where every cluster member finds the ledger service (there is one per run). */
    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "chainfl-ledger");

    private LedgerMessages() {}

    public sealed interface Command extends CborSerializable permits Submit, Seal, Call, QueryHashes, QueryEvents, QueryStats {}

    /**
     * A bulletin-board post waiting for the next block.
     *
     * @param orderKey where the transaction goes in the block among those of its round, whoever sent it (a participant id:
     *                 the servers post in participant-id order), so the chain never depends on which sender's message came first
     */
    public record Transaction(long orderKey, LedgerEntry entry) implements CborSerializable {
        public Transaction {
            Objects.requireNonNull(entry, "entry");
        }

        /** Round, then order key, then sender, kind and hash: a total order, so the block is the same for any arrival order. */
        static final Comparator<Transaction> BLOCK_ORDER = Comparator.<Transaction>comparingLong(t -> t.entry().round())
                .thenComparingLong(Transaction::orderKey)
                .thenComparing(t -> t.entry().sender())
                .thenComparing(t -> t.entry().kind())
                .thenComparing((a, b) -> Arrays.compare(a.entry().messageHash(), b.entry().messageHash()));
    }

    /** Transactions for the mempool, in one message: a server posts a round's uploads at once, so the hop costs one message per batch. */
    public record Submit(List<Transaction> transactions) implements Command {
        public Submit {
            transactions = List.copyOf(transactions);
        }
    }

    /** Orders the mempool into the chain (the backend's consensus model cuts the blocks) and waits until every transaction is in a block. */
    public record Seal(ActorRef<Sealed> replyTo) implements Command {}

    /**
     * What a seal included, in block order; a transaction the contract rejected has no receipt and its revert reason.
     *
     * @param before the ledger's cumulative counters before the seal's first transaction
     * @param stats  the ledger's cumulative counters after the seal
     */
    public record Sealed(List<Outcome> outcomes, LedgerStats before, LedgerStats stats) implements CborSerializable {
        public Sealed {
            outcomes = List.copyOf(outcomes);
        }
    }

    /** One transaction's fate: its receipt, or (receipt null) the reason the contract reverted it. */
    public record Outcome(long round, String sender, String kind, TxReceipt receipt, String revertReason) implements CborSerializable {
        public boolean included() {
            return receipt != null;
        }
    }

    /**
     * Contract calls, executed by the node at once and in this order (the order the protocol's single driver chose, which
     * the chain, the gas, the balances and the call journal depend on); a protocol batches what one step of a round calls,
     * ending with a {@link ContractCall.SealBlocks} where it waits for the block, so the hop costs one message per step.
     * A revert does not stop the batch: each call gets its own outcome, as transactions in one block do.
     */
    public record Call(List<ContractCall> calls, ActorRef<Called> replyTo) implements Command {
        public Call {
            calls = List.copyOf(calls);
        }
    }

    /**
     * The outcomes of a {@link Call}, one per call in its order.
     *
     * @param before the ledger's cumulative counters before the first call
     * @param after  the counters after the last call
     */
    public record Called(List<CallResult> results, LedgerStats before, LedgerStats after) implements CborSerializable {
        public Called {
            results = List.copyOf(results);
        }

        public CallResult result(int index) {
            return results.get(index);
        }

        /**
         * For a protocol that expects no revert: throws the first one as the backend raised it (a {@link
         * io.chainfl.ledger.LedgerRevertException}), which ends the run as when the protocol called the ledger itself.
         */
        public Called requireNoRevert() {
            for (CallResult result : results) {
                if (result instanceof CallResult.Reverted reverted) {
                    throw reverted.asException();
                }
            }
            return this;
        }
    }

    /** The hashes recorded on the bulletin board for {@code kind} in {@code round} by each of {@code senders} (a view: no transaction). */
    public record QueryHashes(long round, String kind, List<String> senders, ActorRef<RecordedHashes> replyTo) implements Command {
        public QueryHashes {
            senders = List.copyOf(senders);
        }
    }

    /** The answer to {@link QueryHashes}: only the senders that have a recorded hash appear. */
    public record RecordedHashes(long round, String kind, List<RecordedHash> recorded) implements CborSerializable {
        public RecordedHashes {
            recorded = List.copyOf(recorded);
        }

        public Optional<byte[]> hashOf(String sender) {
            return recorded.stream().filter(r -> r.sender().equals(sender)).findFirst().map(RecordedHash::hash);
        }
    }

    public record RecordedHash(String sender, byte[] hash) implements CborSerializable {
        public RecordedHash {
            Objects.requireNonNull(sender, "sender");
            hash = hash.clone();
        }

        @Override
        public byte[] hash() {
            return hash.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RecordedHash r && sender.equals(r.sender) && Arrays.equals(hash, r.hash);
        }

        @Override
        public int hashCode() {
            return 31 * sender.hashCode() + Arrays.hashCode(hash);
        }
    }

    /** Every event the contracts emitted so far, in chain order. */
    public record QueryEvents(ActorRef<Events> replyTo) implements Command {}

    public record Events(List<LedgerEvent> events) implements CborSerializable {
        public Events {
            events = List.copyOf(events);
        }
    }

    /** The ledger's cumulative counters and whether every hash link and Merkle root still verifies. */
    public record QueryStats(ActorRef<Stats> replyTo) implements Command {}

    public record Stats(LedgerStats stats, boolean chainVerifies) implements CborSerializable {}
}
