package io.chainfl.agents.ledger;

import io.chainfl.agents.SimulationSystem;
import io.chainfl.agents.ledger.LedgerMessages.Call;
import io.chainfl.agents.ledger.LedgerMessages.Called;
import io.chainfl.agents.ledger.LedgerMessages.Command;
import io.chainfl.agents.ledger.LedgerMessages.Events;
import io.chainfl.agents.ledger.LedgerMessages.Outcome;
import io.chainfl.agents.ledger.LedgerMessages.QueryEvents;
import io.chainfl.agents.ledger.LedgerMessages.QueryHashes;
import io.chainfl.agents.ledger.LedgerMessages.QueryStats;
import io.chainfl.agents.ledger.LedgerMessages.RecordedHash;
import io.chainfl.agents.ledger.LedgerMessages.RecordedHashes;
import io.chainfl.agents.ledger.LedgerMessages.Seal;
import io.chainfl.agents.ledger.LedgerMessages.Sealed;
import io.chainfl.agents.ledger.LedgerMessages.Stats;
import io.chainfl.agents.ledger.LedgerMessages.Submit;
import io.chainfl.agents.ledger.LedgerMessages.Transaction;
import io.chainfl.ledger.BulletinBoard;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.LedgerStats;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The ledger as an actor: the node in front of any {@link Ledger} backend (the simulated chain, with its contract
 * mirrors, gas and consensus model, or an Ethereum node). Transactions wait in a mempool until a {@link Seal}; the
 * node then submits them in {@link Transaction#BLOCK_ORDER} (never in arrival order, which differs between runs when
 * several actors post) and lets the backend cut and seal the blocks as its consensus model says. Queries are answered
 * from the chain as sealed so far. Registered with the Receptionist under {@link LedgerMessages#SERVICE_KEY}, so any
 * cluster member finds it; being one actor, it is the single writer the backends' deterministic order needs.
 * Contract calls ({@link Call}: the election, the escrow, gradient posts, seals) run at once, in the order each
 * protocol's single driver sends them, so no actor calls the shared ledger object.
 */
public final class LedgerNode extends AbstractBehavior<Command> {
    private final Ledger ledger;
    private final BulletinBoard board;
    private final List<Transaction> mempool = new ArrayList<>();

    /** Where to spawn the node: its own pinned thread ({@link SimulationSystem#LEDGER_DISPATCHER}). */
    public static DispatcherSelector dispatcher() {
        return DispatcherSelector.fromConfig(SimulationSystem.LEDGER_DISPATCHER);
    }

    public static Behavior<Command> create(Ledger ledger) {
        return Behaviors.setup(ctx -> {
            ctx.getSystem().receptionist().tell(Receptionist.register(LedgerMessages.SERVICE_KEY, ctx.getSelf()));
            return new LedgerNode(ctx, ledger);
        });
    }

    private LedgerNode(ActorContext<Command> context, Ledger ledger) {
        super(context);
        this.ledger = ledger;
        this.board = ledger.bulletinBoard();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Submit.class, this::onSubmit)
                .onMessage(Seal.class, this::onSeal)
                .onMessage(Call.class, this::onCall)
                .onMessage(QueryHashes.class, this::onQueryHashes)
                .onMessage(QueryEvents.class, q -> reply(() -> q.replyTo().tell(new Events(ledger.events()))))
                .onMessage(QueryStats.class, q -> reply(() -> q.replyTo().tell(new Stats(ledger.stats(), ledger.verifyChain()))))
                .build();
    }

    private Behavior<Command> onSubmit(Submit submit) {
        mempool.addAll(submit.transactions());
        return this;
    }

    /**
     * A contract's revert (a second post for the same key) becomes that transaction's outcome, as a client sees a failed
     * transaction; anything else (a block the backend cannot build, a node that went away) fails the node and so the run.
     */
    private Behavior<Command> onSeal(Seal seal) {
        mempool.sort(Transaction.BLOCK_ORDER);
        LedgerStats before = ledger.stats();
        List<Outcome> outcomes = new ArrayList<>(mempool.size());
        for (Transaction transaction : mempool) {
            LedgerEntry entry = transaction.entry();
            try {
                outcomes.add(new Outcome(entry.round(), entry.sender(), entry.kind(), board.post(entry), null));
            } catch (LedgerRevertException e) {
                outcomes.add(new Outcome(entry.round(), entry.sender(), entry.kind(), null, e.reason()));
            }
        }
        mempool.clear();
        ledger.seal();
        seal.replyTo().tell(new Sealed(outcomes, before, ledger.stats()));
        return this;
    }

    /** Runs the calls in the order they came; a revert is that call's outcome, as in {@link #onSeal}. */
    private Behavior<Command> onCall(Call call) {
        LedgerStats before = ledger.stats();
        List<CallResult> results = new ArrayList<>(call.calls().size());
        for (ContractCall contractCall : call.calls()) {
            try {
                results.add(contractCall.applyTo(ledger));
            } catch (LedgerRevertException e) {
                results.add(new CallResult.Reverted(e.contract(), e.reason()));
            }
        }
        call.replyTo().tell(new Called(results, before, ledger.stats()));
        return this;
    }

    private Behavior<Command> onQueryHashes(QueryHashes query) {
        List<RecordedHash> recorded = new ArrayList<>();
        for (String sender : query.senders()) {
            board.hashOf(query.round(), sender, query.kind()).ifPresent(hash -> recorded.add(new RecordedHash(sender, hash)));
        }
        query.replyTo().tell(new RecordedHashes(query.round(), query.kind(), recorded));
        return this;
    }

    private Behavior<Command> reply(Runnable answer) {
        answer.run();
        return this;
    }
}
