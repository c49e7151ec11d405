package io.chainfl.learning.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A differentiable classifier whose parameters live in one flat float vector, so that aggregation,
 * sparsification, encryption and hashing all work on the same representation whatever the architecture.
 * Implementations are not thread-safe; every participant owns its own instance.
 */
public interface Model {

    /** Number of trainable parameters, the length of {@link #params()}. */
    long numParams();

    /** The live flat parameter vector (shape {@code [numParams]}); writes change the model. */
    INDArray params();

    /** Copies {@code flat} into this model's parameters. */
    default void setParams(INDArray flat) {
        params().assign(flat);
    }

    /**
     * Mean cross-entropy loss over the batch and its gradient with respect to the parameters.
     *
     * @param features {@code batch x numFeatures}
     * @param oneHot   {@code batch x numClasses}
     * @param gradOut  flat vector of length {@link #numParams()} that receives the gradient
     * @return the mean loss over the batch
     */
    double lossAndGradient(INDArray features, INDArray oneHot, INDArray gradOut);

    /** Class probabilities, {@code batch x numClasses}. */
    INDArray predictProbabilities(INDArray features);

    /** An independent deep copy with the same architecture and parameters. */
    Model copy();
}
