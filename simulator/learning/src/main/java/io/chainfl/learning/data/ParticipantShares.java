package io.chainfl.learning.data;

import java.util.List;
import java.util.function.Supplier;

/**
 * Where an entity's recipe gets its participant's data when the entity starts: the driver's {@link FederatedData}
 * hands out the shares it already holds, a cluster member's {@link FederatedSplit} copies a share out of the pool
 * only for the entities Cluster Sharding starts there, and the copy goes with the entity when it is passivated.
 */
public interface ParticipantShares {

    /** Every participant's id, ascending. */
    List<Integer> participantIds();

    /** Participant {@code id}'s train and validation data. */
    ParticipantData share(int id);

    /**
     * What an entity keeps of participant {@code id}'s share, asked for whenever it trains: the share itself, taken now,
     * unless the shares are cheaper to make again than to keep ({@link GeneratedShares}), which regenerate it on each call.
     */
    default Supplier<ParticipantData> heldShare(int id) {
        ParticipantData held = share(id);
        return () -> held;
    }

    /** The samples' geometry, to build models without a test set. */
    DataShape shape();
}
