package io.chainfl.scenarios.pol;

import io.chainfl.engine.config.ConfigValidator;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.config.ScenarioParams;
import java.util.Optional;

/**
 * Proof-of-Learning (Bravo-Marquez, Reeves & Ugarte 2019): each round a supplier posts a task (the config's data set and
 * model) with fees, trainers (participants 0..trainers-1) train on their own splits and submit, a committee drawn from a
 * pool of validators ranks the submissions on each member's held-out rows, and the contract's Borda count picks the
 * winner, whose model the next task starts from.
 */
public record PolParams(
        @Doc("trainers (participants 0..n-1, each training on its own split); 0: every participant") @Range(min = 0, max = 256) Integer trainers,
        @Doc("validators in the pool the committees are drawn from; each holds its own slice of the held-out test split") @Range(min = 1, max = 1000) Integer validatorPool,
        @Doc("committee size: validators drawn (seeded, without replacement) for each task") @Range(min = 1, max = 1000) Integer committee,
        @Doc("held-out rows each validator ranks on (disjoint slices of the test split)") @Range(min = 1, max = 100_000) Integer validatorRows,
        @Doc("the supplier's task fee, paid to the winning trainer") @Range(min = 0, max = 1e12) Long fee,
        @Doc("the supplier's fee for each committee member, paid when its ranking is recorded") @Range(min = 0, max = 1e12) Long validatorFee,
        @Doc("the block reward the contract mints for the winning trainer") @Range(min = 0, max = 1e12) Long blockReward,
        @Doc("each task starts from the previous winner's model (the chain's model); false: every trainer keeps its own") Boolean fromWinner,
        @Doc("a validator whose mean Spearman correlation with the consensus ranking stays below this is flagged as lazy") @Range(min = -1, max = 1) Double lazyThreshold) implements ScenarioParams {

    public PolParams {
        trainers = trainers == null ? 0 : trainers;
        validatorPool = validatorPool == null ? 10 : validatorPool;
        committee = committee == null ? 5 : committee;
        validatorRows = validatorRows == null ? 200 : validatorRows;
        fee = fee == null ? 100L : fee;
        validatorFee = validatorFee == null ? 10L : validatorFee;
        blockReward = blockReward == null ? 50L : blockReward;
        fromWinner = fromWinner == null ? Boolean.TRUE : fromWinner;
        lazyThreshold = lazyThreshold == null ? 0.3 : lazyThreshold;
    }

    /** The trainers a run has: {@link #trainers}, or every participant when 0. */
    public int trainerCount(RunConfig config) {
        return trainers == 0 ? config.participants() : trainers;
    }

    @Override
    public Optional<ConfigValidator.Violation> check(RunConfig config) {
        if (committee > validatorPool) {
            return Optional.of(new ConfigValidator.Violation("/scenario/committee", "scenario.committee",
                    "is larger than scenario.validator_pool (" + validatorPool + "): lower it or raise the pool"));
        }
        if (trainers > config.participants()) {
            return Optional.of(new ConfigValidator.Violation("/scenario/trainers", "scenario.trainers",
                    "is more than participants (" + config.participants() + "): raise participants or lower trainers"));
        }
        return Optional.empty();
    }
}
