package io.chainfl.scenarios.sum;

import io.chainfl.agents.sum.SumAgentActor;
import io.chainfl.agents.sum.SumAgentActor.Decide;
import io.chainfl.agents.sum.SumAgentActor.Decision;

/**
 * How a SUM agent of a configured kind labels, offers deposits and times its actions: the behaviour of its entity.
 * Every draw comes from the generator state in the question and the answer returns the advanced state, in the
 * order the one-JVM simulator has always drawn them (label, contribute, offer, wait), so results do not depend on
 * where the entity runs.
 */
final class SumAgentDecisions implements SumAgentActor.Decider {
    private static final int MAX_DRAWS = 1000;
    private final SumAgentParams params;

    SumAgentDecisions(SumAgentParams params) {
        this.params = params;
    }

    @Override
    public Decision decide(Decide turn) {
        SplitMix64 random = SplitMix64.restore(new long[] {turn.draws().seed(), turn.draws().gamma()});
        int label = -1;
        boolean contributes = false;
        long offer = 0;
        if (turn.hasSample()) {
            label = label(random, turn.trueLabel());
            contributes = wantsToContribute(random, turn.accuracy());
            offer = contributes ? nextOffer(random) : 0;
        }
        SumAgentActor.Draws afterDecision = SplitMix64.draws(random);
        long wait = nextWaitMillis(random);
        return new Decision(label, contributes, offer, afterDecision, wait, SplitMix64.draws(random));
    }

    private boolean honest() {
        return params.kind() == SumAgentParams.Kind.GOOD || params.kind() == SumAgentParams.Kind.NOISY;
    }

    /** The label the agent submits for a sample whose true label is {@code truth}. */
    private int label(SplitMix64 random, int truth) {
        int y = switch (params.kind()) {
            case GOOD, NOISY -> truth;
            case BAD -> 1 - truth;
            case SPAMMER -> random.nextInt(2);
        };
        return params.mislabelProbability() > 0 && random.nextDouble() < params.mislabelProbability() ? 1 - y : y;
    }

    /** Honest agents only bother while the model is doing well (reference: with probability accuracy + 0.15). */
    private boolean wantsToContribute(SplitMix64 random, double accuracy) {
        return !honest() || random.nextDouble() < accuracy + params.accuracyBonus();
    }

    /** A positive integer drawn from N(mean, std) as in the reference; 0 if the distribution has no positive mass to speak of. */
    private long nextOffer(SplitMix64 random) {
        for (int i = 0; i < MAX_DRAWS; i++) {
            long offer = (long) random.nextGaussian(params.depositMean(), params.depositStd());
            if (offer > 0) {
                return offer;
            }
        }
        return 0;
    }

    /** Whole seconds until the next action, at least 1, drawn from N(interval, std). */
    private long nextWaitMillis(SplitMix64 random) {
        double mean = params.actionIntervalMinutes() * 60;
        for (int i = 0; i < MAX_DRAWS; i++) {
            long seconds = (long) random.nextGaussian(mean, params.actionIntervalStdSeconds());
            if (seconds >= 1) {
                return seconds * 1000;
            }
        }
        return Math.max(1, (long) mean) * 1000;
    }
}
