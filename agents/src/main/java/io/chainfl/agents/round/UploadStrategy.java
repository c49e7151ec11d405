package io.chainfl.agents.round;

import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.learning.aggregation.ClientUpdate;
import io.chainfl.learning.model.Model;
import java.util.List;

/**
 * What a protocol with one exchange per round decides; {@link io.chainfl.agents.ParameterServerActor} runs the
 * rest of the round (asking the selected participants to train, collecting their changes or failures in id
 * order, sealing the ledger, applying the change, evaluating, reporting). In the shape of Flower's Strategy:
 * {@link #configureRound} and {@link #uploads} stand for configure/receive fit, {@link #aggregate} for
 * aggregate_fit (with {@link #aggregateCalls}, what it records on chain), {@link #report} for what evaluate adds. Calls come in the order declared here, on the
 * server's actor, so an implementation needs no synchronization.
 */
public interface UploadStrategy {
    /** The round starts from {@code global} (e.g. a robust aggregator's reference point). */
    default void configureRound(int round, float[] global) {}

    /** The uploads as the server receives them, in participant-id order (colluders may rewrite theirs). */
    default List<ClientUpdate> uploads(int round, List<ClientUpdate> trained) {
        return trained;
    }

    /**
     * What the round posts on the ledger, the "ledger" phase: the server submits it to the ledger service and seals
     * the block, which orders the transactions by (round, order key, sender, kind, hash), never by arrival.
     */
    List<LedgerMessages.Transaction> transactions(int round, List<ClientUpdate> uploads);

    /** The change to add to the global model, from at least one upload; null to leave it as it is. */
    float[] aggregate(int round, List<ClientUpdate> uploads);

    /**
     * Contract calls recording what {@link #aggregate} decided (the median demo posts its aggregate's hash and seals it);
     * the server runs them through the ledger service, in this order, before it evaluates the round. None by default.
     */
    default List<ContractCall> aggregateCalls(int round) {
        return List.of();
    }

    /** Adds its metrics (those its scenario declares) once the new global model is evaluated. */
    void report(int round, float[] globalBefore, List<ClientUpdate> uploads, Model global, RoundReport report);
}
