package io.chainfl.scenarios;

import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.learning.model.Model;

/** Saving and restoring a model's flat parameter vector in a checkpoint, bit for bit. */
public final class ModelState {
    private ModelState() {}

    public static void save(Snapshot.Builder out, String name, Model model) {
        out.floats(name, model.params().clone());
    }

    public static void restore(Snapshot in, String name, Model model) {
        float[] params = in.requireFloats(name);
        if (params.length != model.numParams()) {
            throw new IllegalStateException("checkpoint section '" + name + "' has " + params.length + " parameters, the model " + model.numParams());
        }
        model.setParams(params);
    }
}
