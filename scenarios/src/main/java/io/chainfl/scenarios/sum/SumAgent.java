package io.chainfl.scenarios.sum;

import io.chainfl.engine.seed.SeedStreams;

/** An agent's behaviour (labelling, deposit offers, action times), each draw from its own named seed stream. */
final class SumAgent {
    private static final int MAX_OFFER_DRAWS = 1000;
    final SumAgentParams params;
    final int order;
    private SplitMix64 random;

    SumAgent(SumAgentParams params, int order, SeedStreams seeds) {
        this.params = params;
        this.order = order;
        this.random = new SplitMix64(seeds.seedFor("sum/agent/" + params.name()));
    }

    /** Where the agent's draws stand, for a checkpoint. */
    long[] randomState() {
        return random.state();
    }

    void restoreRandom(long[] state) {
        random = SplitMix64.restore(state);
    }

    String name() {
        return params.name();
    }

    boolean honest() {
        return params.kind() == SumAgentParams.Kind.GOOD || params.kind() == SumAgentParams.Kind.NOISY;
    }

    /** The label the agent submits for a sample whose true label is {@code truth}. */
    int label(int truth) {
        int y = switch (params.kind()) {
            case GOOD, NOISY -> truth;
            case BAD -> 1 - truth;
            case SPAMMER -> random.nextInt(2);
        };
        return params.mislabelProbability() > 0 && random.nextDouble() < params.mislabelProbability() ? 1 - y : y;
    }

    /** Honest agents only bother while the model is doing well (reference: with probability accuracy + 0.15). */
    boolean wantsToContribute(double accuracy) {
        return !honest() || random.nextDouble() < accuracy + params.accuracyBonus();
    }

    /** A positive integer drawn from N(mean, std) as in the reference; 0 if the distribution has no positive mass to speak of. */
    long nextOffer() {
        for (int i = 0; i < MAX_OFFER_DRAWS; i++) {
            long offer = (long) random.nextGaussian(params.depositMean(), params.depositStd());
            if (offer > 0) {
                return offer;
            }
        }
        return 0;
    }

    /** Whole seconds until the next action, at least 1, drawn from N(interval, std). */
    long nextWaitMillis() {
        double mean = params.actionIntervalMinutes() * 60;
        for (int i = 0; i < MAX_OFFER_DRAWS; i++) {
            long seconds = (long) random.nextGaussian(mean, params.actionIntervalStdSeconds());
            if (seconds >= 1) {
                return seconds * 1000;
            }
        }
        return Math.max(1, (long) mean) * 1000;
    }
}
