package io.chainfl.agents;

import io.chainfl.learning.model.Model;
import java.util.function.Supplier;

/**
 * One model per training thread, shared by every participant that trains on that thread. A participant's
 * training sets all parameters from the global model and finishes within one message, so nothing of one
 * participant is left in the model when the next one starts; what is saved is a parameter vector, its
 * gradient and ND4J scratch buffers per participant, which dominate memory at thousands of participants.
 */
public final class PerThreadModel implements Supplier<Model> {
    private final ThreadLocal<Model> models;

    public PerThreadModel(Supplier<Model> factory) {
        this.models = ThreadLocal.withInitial(factory);
    }

    @Override
    public Model get() {
        return models.get();
    }
}
