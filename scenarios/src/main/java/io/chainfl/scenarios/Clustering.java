package io.chainfl.scenarios;

import io.chainfl.agents.ParticipantRecipe;
import io.chainfl.learning.data.RunInputs;
import java.util.function.Function;

/** Whether a scenario's participants can live on other cluster members, and if so how every member builds them. */
public sealed interface Clustering {

    /** @param recipe how any member builds participant {@code id} from the run's inputs alone (the same on every JVM) */
    record Supported(Function<RunInputs, ParticipantRecipe> recipe) implements Clustering {}

    /** @param reason why not, naming the config key (e.g. "scenario.type seccl runs in one JVM only") */
    record OneJvmOnly(String reason) implements Clustering {}
}
