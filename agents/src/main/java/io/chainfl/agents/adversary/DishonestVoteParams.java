package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Dishonest evaluation: the colluders score every member of the coalition (all adversarial participants)
 * as perfect and every honest participant as worthless, so their ballots rank each other first.
 */
@Doc("dishonest evaluation: scores fellow colluders 1 and honest participants 0; Zhang et al. 2020")
public record DishonestVoteParams(
        @Doc("fraction of participants that vote dishonestly (the leading ones of the seeded adversary order)") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they vote dishonestly") @Range(min = 1) Integer startRound) implements Adversary, Conduct.BallotRigging {

    public DishonestVoteParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 5 : startRound;
    }

    @Override
    public void applyTo(AdversaryPlan.Builder plan, List<Integer> members) {
        members.forEach(id -> plan.rigBallot(id, this));
    }

    /** 1 for every member of the coalition, 0 for the rest. */
    @Override
    public Map<Integer, Double> rig(Map<Integer, Double> honestScores, Set<Integer> coalition) {
        Map<Integer, Double> rigged = new TreeMap<>();
        honestScores.keySet().forEach(candidate -> rigged.put(candidate, coalition.contains(candidate) ? 1.0 : 0.0));
        return rigged;
    }
}
