package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * Sybil attack: one adversary runs {@code count} fake identities. Each trains on flipped labels (untargeted)
 * like the adversary would, but what they all upload is the same vector: the update of the identity with the
 * lowest id, scaled by {@code boost}. Modelled as a coalition so the copies are exact; identical uploads are
 * what similarity-based defences (FoolsGold, Krum clustering) look for.
 */
@Doc("one adversary with count identities that all upload the same label-flipped (optionally boosted) update; Douceur 2002, Fung et al. 2020")
public record SybilParams(
        @Doc("number of identities the adversary controls (the leading ones of the seeded adversary order)") @Range(min = 0, max = 1_000_000) Integer count,
        @Doc("explicit participant ids instead of a count") List<Integer> ids,
        @Doc("first round in which the identities attack") @Range(min = 1) Integer startRound,
        @Doc("scale of the shared upload") @Range(min = -1e6, max = 1e6) Double boost) implements CoalitionAttack.SharedUpload {

    public SybilParams {
        count = count == null ? 0 : count;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 1 : startRound;
        boost = boost == null ? 1.0 : boost;
    }

    /** Identities are given by count, not by a fraction. */
    @Override
    public Double fraction() {
        return 0.0;
    }

    @Override
    public int drawnCount(int participants) {
        return count;
    }

    /** The identities train like a label flipper; the coalition then makes their uploads identical. */
    @Override
    public void applyTo(AdversaryPlan.Builder plan, List<Integer> members) {
        for (int id : members) {
            plan.trainOn(id, training());
            plan.craftWithCoalition(id, this);
        }
    }

    /** How every identity trains: on untargeted flipped labels from the start round. */
    LabelFlipParams training() {
        return new LabelFlipParams(null, ids, startRound, -1, -1);
    }

    @Override
    public float[] craft(float[][] benign, float[][] own) {
        float[] first = own[0];
        float[] upload = new float[first.length];
        for (int j = 0; j < upload.length; j++) {
            upload[j] = (float) (first[j] * boost);
        }
        return upload;
    }
}
