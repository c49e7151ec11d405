package io.chainfl.agents;

import io.chainfl.learning.model.Model;
import java.util.function.Supplier;

/**
 * One model per training thread, shared by every participant that trains on that thread. A participant's
 * training sets all parameters from the global model and finishes within one message, so nothing of one
 * participant is left in the model when the next one starts; what is saved is a parameter vector and its
 * activation buffers per participant, which dominate memory at thousands of participants (the gradient, row order
 * and batch arrays are per thread too, in {@code LocalTrainer}'s {@code TrainingScratch}).
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
