package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainfl.agents.Entities;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.learning.data.DataShape;
import io.chainfl.learning.data.MemberInputs;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.data.ParticipantShares;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cluster member copies a participant's data out of the split only when Cluster Sharding starts that participant's
 * entity there: building the member's entities and sizing its frame copy nothing, and starting one entity copies its
 * own share alone (SUM agents and DeepChain workers none).
 */
class MemberDataTest {

    @Test
    void aMemberCopiesOnlyTheSharesOfTheEntitiesItStarts() {
        assertCopies(ScenarioRunner.load("cluster-small.yaml"), List.of(11));
        assertCopies(ScenarioRunner.load("cluster-seccl.yaml"), List.of(9));
        assertCopies(ScenarioRunner.load("regression/deepchain-forfeits.yaml", "scenario.key_bits=256"), List.of(3));
        assertCopies(ScenarioRunner.load("sum-gamification.yaml", "scenario.days=3"), List.of());
    }

    /** Builds the member's entities, then starts the last entity of each kind: {@code expected} are the shares copied. */
    private static void assertCopies(RunConfig config, List<Integer> expected) {
        Clustering.Supported clustering = (Clustering.Supported) ScenarioRegistry.forParams(config.scenario()).clustering();
        MemberInputs member = MemberInputs.of(config);
        CountingShares counted = new CountingShares(member.shares());
        MemberInputs inputs = new MemberInputs(config, member.seeds(), counted);
        Entities entities = clustering.entities().apply(inputs);
        clustering.largestMessage().applyAsLong(inputs);
        assertEquals(List.of(), counted.copied, config.name() + ": building a member's entities copies no share");
        for (Entities.Group<?> group : entities.groups()) {
            group.recipe().apply(group.ids().get(group.ids().size() - 1));
        }
        assertEquals(expected, counted.copied, config.name() + ": starting one entity of each kind copies its own share only");
    }

    /** The member's real split, noting which shares are copied out of it. */
    private static final class CountingShares implements ParticipantShares {
        private final ParticipantShares split;
        private final List<Integer> copied = new ArrayList<>();

        CountingShares(ParticipantShares split) {
            this.split = split;
        }

        @Override
        public List<Integer> participantIds() {
            return split.participantIds();
        }

        @Override
        public ParticipantData share(int id) {
            copied.add(id);
            return split.share(id);
        }

        @Override
        public DataShape shape() {
            return split.shape();
        }
    }
}
