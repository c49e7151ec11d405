package io.chainfl.agents.adversary;

import io.chainfl.engine.config.AdversaryParams;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one place adversary types are registered: {@code type} name to its params record. */
public final class AdversaryRegistry {
    private AdversaryRegistry() {}

    public static Map<String, Class<? extends AdversaryParams>> types() {
        Map<String, Class<? extends AdversaryParams>> types = new LinkedHashMap<>();
        types.put("label_flip", LabelFlipParams.class);
        types.put("dishonest_vote", DishonestVoteParams.class);
        types.put("free_rider", FreeRiderParams.class);
        types.put("malicious_server", MaliciousServerParams.class);
        return types;
    }
}
