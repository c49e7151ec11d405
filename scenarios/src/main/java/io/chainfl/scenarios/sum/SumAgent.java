package io.chainfl.scenarios.sum;

import io.chainfl.agents.sum.SumAgentActor.Draws;
import io.chainfl.engine.seed.SeedStreams;

/**
 * The driver's record of one SUM agent: who it is and where its random draws stand. What it does at a turn is
 * decided by its entity ({@link SumAgentDecisions}); the driver keeps the generator state between turns (and in
 * checkpoints) and sends it with each question, so the entity holds nothing.
 */
final class SumAgent {
    final SumAgentParams params;
    final int order;
    private Draws draws;

    SumAgent(SumAgentParams params, int order, SeedStreams seeds) {
        this.params = params;
        this.order = order;
        this.draws = SplitMix64.draws(new SplitMix64(seeds.seedFor(seedStream(params))));
    }

    /** The agent's own seed stream, named after it so adding an agent changes no other agent's draws. */
    static String seedStream(SumAgentParams params) {
        return "sum/agent/" + params.name();
    }

    String name() {
        return params.name();
    }

    Draws draws() {
        return draws;
    }

    /** Where the draws continue after a turn the entity answered. */
    void advance(Draws after) {
        draws = after;
    }

    /** Where the agent's draws stand, for a checkpoint: (seed, gamma) of its SplitMix64. */
    long[] randomState() {
        return new long[] {draws.seed(), draws.gamma()};
    }

    void restoreRandom(long[] state) {
        draws = SplitMix64.draws(SplitMix64.restore(state));
    }
}
