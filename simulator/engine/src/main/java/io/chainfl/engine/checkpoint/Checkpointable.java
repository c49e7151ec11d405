package io.chainfl.engine.checkpoint;

/**
 * What a scenario must save at the end of a round to continue from there with byte-identical results. The
 * scenario owns its state: it saves what its actors keep between rounds (models, participant memory,
 * reputations) and restores it itself when {@link RunCheckpoints#resume} hands the snapshot back. Random draws
 * come from streams derived per (consumer, round), so the round number alone restores them; the ledger and
 * the result tables are checkpointed by the run, not by the scenario.
 */
@FunctionalInterface
public interface Checkpointable {
    /** Called between rounds, when no actor is working: the state is quiescent. */
    void save(Snapshot.Builder out);
}
