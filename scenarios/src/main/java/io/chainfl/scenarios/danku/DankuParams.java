package io.chainfl.scenarios.danku;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.config.ScenarioParams;

/**
 * The DanKu model market (Kurtulmus & Daniel 2018): one organizer, its data split into hashed groups, submitters that
 * train on their own shards and post fixed-point linear models, evaluation on chain.
 */
public record DankuParams(
        @Doc("submitters (participants 0..n-1, each training on its own shard)") @Range(min = 1, max = 64) Integer submitters,
        @Doc("data groups the organizer commits (salted keccak hashes)") @Range(min = 2, max = 1000) Integer groups,
        @Doc("how many of them the contract picks as test groups") @Range(min = 1, max = 999) Integer testGroups,
        @Doc("rows per group, drawn from the held-out test split; the evaluation's gas grows with rows x classes x features") @Range(min = 1, max = 10_000) Integer rowsPerGroup,
        @Doc("the organizer's reward, escrowed in the contract") @Range(min = 0) Long reward,
        @Doc("least on-chain accuracy (0..1) the best model needs to be paid") @Range(min = 0, max = 1) Double threshold,
        @Doc("submissions are hashes during the window, opened after it (defeats copying posted models)") Boolean commitReveal,
        @Doc("length of the submission window, virtual seconds") @Range(min = 1) Long submitWindowS,
        @Doc("time after the window by which the organizer must reveal the test groups, virtual seconds") @Range(min = 1) Long revealWindowS,
        @Doc("average pooling of image features (4: 28x28 -> 7x7) so the model fits the gas of a block; 1 keeps every pixel") @Range(min = 1, max = 28) Integer pool,
        @Doc("fixed-point scale of the features (int16 on chain)") @Range(min = 1, max = 30_000) Integer featureScale,
        @Doc("fixed-point scale of the weights (int32 on chain)") @Range(min = 1, max = 1_000_000) Integer weightScale,
        @Doc("the organizer reuses the data set of its previous contest (the same held-out rows under new salts), every row of which that contest revealed on chain; only a danku_overfitter makes use of it") Boolean reuseData,
        @Doc("Hawk-style sealed submissions (Kosba et al. 2016): a commitment on chain, the model encrypted to the organizer (the manager), who opens only the best; a submitter who doubts it opens its own (a challenge). Uses the commit-reveal terms on chain") Boolean sealed,
        @Doc("sealed: time after the window in which submitters may challenge the organizer's pick, before the test reveal; virtual seconds, less than reveal_window_s") @Range(min = 1) Long challengeWindowS) implements ScenarioParams {

    public DankuParams {
        submitters = submitters == null ? 4 : submitters;
        groups = groups == null ? 10 : groups;
        testGroups = testGroups == null ? 3 : testGroups;
        rowsPerGroup = rowsPerGroup == null ? 20 : rowsPerGroup;
        reward = reward == null ? 1_000L : reward;
        threshold = threshold == null ? 0.5 : threshold;
        commitReveal = commitReveal == null ? Boolean.FALSE : commitReveal;
        submitWindowS = submitWindowS == null ? 86_400L : submitWindowS;
        revealWindowS = revealWindowS == null ? 86_400L : revealWindowS;
        pool = pool == null ? 4 : pool;
        featureScale = featureScale == null ? 1_000 : featureScale;
        weightScale = weightScale == null ? 10_000 : weightScale;
        reuseData = reuseData == null ? Boolean.FALSE : reuseData;
        sealed = sealed == null ? Boolean.FALSE : sealed;
        challengeWindowS = challengeWindowS == null ? 3_600L : challengeWindowS;
    }

    @Override
    public java.util.Optional<io.chainfl.engine.config.ConfigValidator.Violation> check(io.chainfl.engine.config.RunConfig config) {
        if (testGroups >= groups) {
            return java.util.Optional.of(new io.chainfl.engine.config.ConfigValidator.Violation("/scenario/test_groups", "scenario.test_groups",
                    "must be fewer than scenario.groups (" + groups + "): some groups must be training data"));
        }
        if (submitters > config.participants()) {
            return java.util.Optional.of(new io.chainfl.engine.config.ConfigValidator.Violation("/scenario/submitters", "scenario.submitters",
                    "is more than participants (" + config.participants() + "): raise participants or lower submitters"));
        }
        for (int i = 0; i < config.adversaries().size(); i++) {
            if (config.adversaries().get(i) instanceof io.chainfl.agents.adversary.DankuCorruptManagerParams corrupt
                    && (!sealed || corrupt.favours() >= submitters)) {
                return java.util.Optional.of(new io.chainfl.engine.config.ConfigValidator.Violation("/adversaries/" + i, "adversaries[" + i + "]",
                        "danku_corrupt_manager " + (sealed ? "favours submitter " + corrupt.favours() + ", but there are " + submitters
                                + " submitters (0.." + (submitters - 1) + ")" : "needs scenario.sealed: true: only a sealed market has a manager")));
            }
        }
        if (sealed && challengeWindowS >= revealWindowS) {
            return java.util.Optional.of(new io.chainfl.engine.config.ConfigValidator.Violation("/scenario/challenge_window_s", "scenario.challenge_window_s",
                    "must be less than scenario.reveal_window_s (" + revealWindowS + "): the test reveal follows the challenges inside the reveal window"));
        }
        return java.util.Optional.empty();
    }

    /** Whether the chain holds commitments during the window (commit-reveal, or sealed, which uses the same terms). */
    public boolean committed() {
        return commitReveal || sealed;
    }
}
