package io.chainfl.agents.ledger;

import io.chainfl.agents.ledger.LedgerMessages.Call;
import io.chainfl.agents.ledger.LedgerMessages.Called;
import io.chainfl.agents.ledger.LedgerMessages.Command;
import io.chainfl.agents.ledger.LedgerMessages.QueryHashes;
import io.chainfl.agents.ledger.LedgerMessages.RecordedHashes;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.LedgerStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The ledger service as a thread outside the actors sees it (SUM's clock thread, which may wait): contract calls
 * whose answer nobody needs ({@link #send}) wait in order and travel with the next call that needs one ({@link #ask},
 * {@link #askAll}, {@link #flush}), so a turn's writes cost no message of their own and the node still executes every
 * call in exactly the order the thread made them. A revert of any call in a batch is thrown as the backend raised it
 * (a user error), as when the thread called the ledger itself. Used by one thread at a time, and only where that thread
 * is the ledger's single writer (SUM's clock): then a view's answer (a balance) holds until this client's next write,
 * and a view asked again before it is answered here, without a message.
 */
public final class LedgerClient {
    private final Duration timeout;
    private final List<ContractCall> pending = new ArrayList<>();
    /** Views answered since the last write, by call. */
    private final Map<ContractCall, CallResult> views = new HashMap<>();
    private ActorRef<Command> node;
    private ActorSystem<?> system;

    /** A client not yet connected: a run may build what uses the ledger before its actor system starts. */
    public LedgerClient(Duration timeout) {
        this.timeout = timeout;
    }

    /** Where the calls go from now on; before this, any call that must reach the node fails (an internal error). */
    public LedgerClient connect(ActorRef<Command> node, ActorSystem<?> system) {
        this.node = node;
        this.system = system;
        return this;
    }

    /** A call whose outcome the caller does not need: it goes with the next batch (a revert is thrown from there). */
    public void send(ContractCall call) {
        pending.add(call);
        views.clear();
    }

    /** Runs the waiting calls and then {@code call}, in one message, and returns {@code call}'s outcome. */
    public CallResult ask(ContractCall call) {
        return askAll(List.of(call)).get(0);
    }

    /** Runs the waiting calls and then {@code calls}, in one message; the outcomes of {@code calls}, in order. */
    public List<CallResult> askAll(List<ContractCall> calls) {
        boolean onlyViews = calls.stream().allMatch(ContractCall::view);
        if (onlyViews && pending.isEmpty() && views.keySet().containsAll(calls)) {
            return calls.stream().map(views::get).toList();
        }
        Called called = call(calls);
        List<CallResult> results = called.results().subList(called.results().size() - calls.size(), called.results().size());
        views.clear();
        if (onlyViews) {
            for (int i = 0; i < calls.size(); i++) {
                views.put(calls.get(i), results.get(i));
            }
        }
        return results;
    }

    /** Runs the waiting calls; the ledger's counters after them. */
    public LedgerStats flush() {
        return call(List.of()).after();
    }

    /** New currency for an account (sent with the next batch). */
    public void mint(String account, long amount) {
        send(new ContractCall.Mint(account, amount));
    }

    /** A deposit, made now (its id is needed): its id. */
    public long deposit(String account, long amount, long unlockAtMillis) {
        return ((CallResult.Deposited) ask(new ContractCall.Deposit(account, amount, unlockAtMillis))).depositId();
    }

    /** A deposit back to its owner (sent with the next batch). */
    public void refund(long depositId, long nowMillis) {
        send(new ContractCall.Refund(depositId, nowMillis));
    }

    /** A deposit split among takers by weight (sent with the next batch). */
    public void take(long depositId, List<String> takers, List<Long> weights) {
        send(new ContractCall.Take(depositId, takers, weights));
    }

    /** A hash on the bulletin board (sent with the next batch). */
    public void post(LedgerEntry entry) {
        send(new ContractCall.PostHash(entry));
    }

    /** Seals every call so far into blocks, now. */
    public void seal() {
        send(new ContractCall.SealBlocks());
        flush();
    }

    /** The ledger's counters once the waiting calls ran. */
    public LedgerStats stats() {
        return flush();
    }

    public long balanceOf(String account) {
        return value(ask(new ContractCall.BalanceOf(account)));
    }

    public long escrowed() {
        return value(ask(new ContractCall.Escrowed()));
    }

    /** A view's answer ({@link CallResult.Value}). */
    public static long value(CallResult result) {
        return ((CallResult.Value) result).value();
    }

    /** Whether the bulletin board records exactly {@code messageHash} for the key (after the waiting calls ran). */
    public boolean verify(long round, String sender, String kind, byte[] messageHash) {
        flush();
        RecordedHashes recorded = await(replyTo -> new QueryHashes(round, kind, List.of(sender), replyTo));
        Optional<byte[]> hash = recorded.hashOf(sender);
        return hash.isPresent() && Arrays.equals(hash.get(), messageHash);
    }

    private Called call(List<ContractCall> calls) {
        List<ContractCall> batch = new ArrayList<>(pending);
        batch.addAll(calls);
        pending.clear();
        Called called = await(replyTo -> new Call(batch, replyTo));
        return called.requireNoRevert();
    }

    private <T> T await(Function<ActorRef<T>, Command> question) {
        if (node == null) {
            throw new IllegalStateException("the ledger client is not connected to a ledger service yet");
        }
        CompletionStage<T> answer = AskPattern.ask(node, question::apply, timeout, system.scheduler());
        try {
            return answer.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the ledger service did not answer within " + timeout, e.getCause());
        }
    }
}
