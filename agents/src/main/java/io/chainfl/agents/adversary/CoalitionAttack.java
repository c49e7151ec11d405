package io.chainfl.agents.adversary;

import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.aggregation.ClientUpdate;
import io.chainfl.learning.aggregation.UpdateMatrix;
import java.util.List;

/**
 * A model-poisoning attack crafted jointly by all its colluders from the round's benign updates (the
 * omniscient adversary of ByzFL and Blades). The simulator grants that knowledge by letting {@link Coalition}
 * run at the server, where every update of the round is at hand; a real coalition would need to eavesdrop on
 * or predict the benign updates, so results are a worst case. Implementations sum in plain Java loops in a fixed
 * order (rows in participant order, then coordinates in index order, in double), so a crafted upload is the same
 * on every CPU; {@link Stats} holds the shared per-coordinate statistics.
 *
 * <p>The params record is the config; what crafts is its {@link Crafter}, one per entry and run, which may draw
 * from seeded streams (fang's random deviations), give each colluder its own upload, and remember earlier rounds
 * (mimic's direction, saved in checkpoints). Attacks whose colluders all upload one vector computed from this
 * round alone implement {@link SharedUpload} and only write {@link SharedUpload#craft}.
 */
public interface CoalitionAttack extends Adversary {
    /** First round in which the colluders upload the crafted update. */
    @Override
    Integer startRound();

    /** A fresh crafter for one run (the plan builds one per entry). */
    Crafter crafter(SeedStreams seeds);

    /** Every member joins the crafting coalition. */
    @Override
    default void applyTo(AdversaryPlan.Builder plan, List<Integer> members) {
        members.forEach(id -> plan.craftWithCoalition(id, this));
    }

    /**
     * What one round offers the colluders of one entry: the benign updates they know and their own honestly trained
     * ones, each list in participant-id order (read only).
     */
    record Round(int round, List<ClientUpdate> benign, List<ClientUpdate> colluders) {
        public Round {
            benign = List.copyOf(benign);
            colluders = List.copyOf(colluders);
        }

        /** The benign updates stacked, one row each, in participant-id order. */
        public float[][] benignRows() {
            return UpdateMatrix.stack(benign);
        }

        /** The colluders' own updates stacked, one row each, in participant-id order. */
        public float[][] ownRows() {
            return UpdateMatrix.stack(colluders);
        }
    }

    /** Crafts one entry's uploads round after round; what it keeps between rounds it saves and restores itself. */
    interface Crafter {
        /** One upload per colluder, in the order of {@link Round#colluders()}; rows may be shared (the caller copies them). */
        float[][] craft(Round round);

        /** Saves what it remembers of earlier rounds under {@code prefix}; a crafter that remembers nothing writes nothing. */
        default void save(Snapshot.Builder out, String prefix) {}

        /** Restores what {@link #save} wrote (a run resumed from a checkpoint). */
        default void restore(Snapshot in, String prefix) {}
    }

    /** The coalition attacks whose colluders all upload one vector computed from the round alone (alie, ipm, min_max, min_sum, sybil). */
    interface SharedUpload extends CoalitionAttack {
        /**
         * The one update every colluder uploads this round.
         *
         * @param benign the honest updates, one row each, in participant-id order (read only)
         * @param own    the colluders' own honestly trained updates, one row each, in participant-id order (read only)
         */
        float[] craft(float[][] benign, float[][] own);

        /** Stateless and draws nothing: every colluder gets {@link #craft}'s vector. */
        @Override
        default Crafter crafter(SeedStreams seeds) {
            return round -> {
                float[] upload = craft(round.benignRows(), round.ownRows());
                float[][] uploads = new float[round.colluders().size()][];
                java.util.Arrays.fill(uploads, upload);
                return uploads;
            };
        }
    }
}
