package io.chainfl.agents.deepchain;

import io.chainfl.agents.deepchain.DeepChainCoordinator.Command;
import io.chainfl.agents.ledger.CallResult;
import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.ledger.LedgerMessages.Called;
import io.chainfl.agents.round.RoundReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * The coordinator's conversation with the ledger service ({@link io.chainfl.agents.ledger.LedgerNode}), so the
 * coordinator never touches the ledger object. Calls whose outcome the round does not need (forfeits, the leaders'
 * posts, seals, refunds) wait here in the order the coordinator made them and travel with the next call that needs
 * an answer ({@link #ask}): the node then executes exactly the sequence the coordinator used to run on the ledger
 * itself, which the gas, the transaction ids, the balances, the virtual time and the checkpoint journal depend on.
 * While an answer is due, whatever else reaches the coordinator is stashed and replayed into the behavior that
 * follows, as if it had come after (the coordinator is the ledger's only writer in a DeepChain run).
 */
final class DeepChainLedger {
    /** Messages kept while the coordinator waits for the ledger: at most a round's late answers, losses and timers. */
    static final int STASH_CAPACITY = 100_000;

    /** The ledger service's answer to a {@link #ask}, as the coordinator receives it. */
    record Replied(Called called) implements Command {}

    private final ActorRef<LedgerMessages.Command> node;
    private final ActorRef<Called> replies;
    private final StashBuffer<Command> waiting;
    private final List<ContractCall> outbox = new ArrayList<>();

    DeepChainLedger(ActorContext<Command> context, ActorRef<LedgerMessages.Command> node, StashBuffer<Command> waiting) {
        this.node = node;
        this.replies = context.messageAdapter(Called.class, Replied::new);
        this.waiting = waiting;
    }

    /** A call whose outcome the round does not need: it goes with the next {@link #ask}, after the calls already waiting. */
    void send(ContractCall call) {
        outbox.add(call);
    }

    /**
     * Runs the waiting calls and then {@code calls} (none: just the waiting ones) in one message, and continues with the
     * behavior {@code then} returns for the answer: the outcomes of {@code calls} only, the ledger's counters before the
     * first waiting call and after the last call. A revert ends the run, as when the coordinator called the ledger itself.
     */
    Behavior<Command> ask(List<ContractCall> calls, Function<Called, Behavior<Command>> then) {
        List<ContractCall> batch = new ArrayList<>(outbox);
        batch.addAll(calls);
        outbox.clear();
        node.tell(new LedgerMessages.Call(batch, replies));
        return Behaviors.receive(Command.class)
                .onMessage(Replied.class, m -> {
                    Called all = m.called().requireNoRevert();
                    List<CallResult> results = all.results();
                    Called answer = new Called(results.subList(results.size() - calls.size(), results.size()), all.before(), all.after());
                    return waiting.unstashAll(then.apply(answer));
                })
                .onAnyMessage(m -> {
                    waiting.stash(m);
                    return Behaviors.same();
                })
                .build();
    }

    /**
     * Ends a round on the ledger: the calls still waiting run, so the round's ledger cost in {@code report} is complete;
     * after the last round, {@code refunds} (null before) makes its calls at the ledger's virtual time once they ran, and
     * a seal puts them in a block. Then the coordinator goes on as {@code then} says.
     */
    Behavior<Command> closeRound(RoundReport report, LongConsumer refunds, Supplier<Behavior<Command>> then) {
        return ask(List.of(), settled -> {
            report.ledgerSeen(settled.before(), settled.after());
            if (refunds == null) {
                return then.get();
            }
            refunds.accept(settled.after().virtualTimeMillis());
            send(new ContractCall.SealBlocks());
            return ask(List.of(), refunded -> {
                report.ledgerSeen(refunded.before(), refunded.after());
                return then.get();
            });
        });
    }
}
