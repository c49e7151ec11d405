package io.chainfl.scenarios;

import io.chainfl.agents.Entities;
import io.chainfl.learning.data.MemberInputs;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Whether a scenario's entities can live on other cluster members, and if so how every member builds them. */
public sealed interface Clustering {

    /**
     * @param entities       how any member builds the run's entities (ids and recipes) from the run's inputs alone, the
     *                       same on every JVM; a node's copies keep their between-message state in stores of their own,
     *                       and a recipe copies its participant's share out of the split only when it runs (when the
     *                       entity starts on this member), so a member holds the data of the entities it hosts
     * @param largestMessage the largest message between members, in model-vector floats (what the network frame is
     *                       sized for, the same on every member); the model vector unless a protocol sends more
     */
    record Supported(Function<MemberInputs, Entities> entities, ToLongFunction<MemberInputs> largestMessage) implements Clustering {

        /** Entities whose largest message is the model vector. */
        public Supported(Function<MemberInputs, Entities> entities) {
            this(entities, inputs -> ModelBuilder.build(inputs.config(), inputs.shares().shape(), inputs.seeds()).numParams());
        }
    }

    /** @param reason why not, naming the config key (e.g. "scenario.type seccl runs in one JVM only") */
    record OneJvmOnly(String reason) implements Clustering {}
}
