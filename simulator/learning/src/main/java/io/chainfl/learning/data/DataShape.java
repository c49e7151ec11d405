package io.chainfl.learning.data;

/**
 * The geometry of a run's samples: what a model needs to be built, without holding any sample. A cluster member
 * sizes its models from it, so it needs no test set of its own.
 *
 * @param imageShape geometry of one sample when it is an image, else {@code null}
 */
public record DataShape(int numFeatures, int numClasses, ImageShape imageShape) {

    public static DataShape of(Dataset dataset) {
        return new DataShape(dataset.numFeatures(), dataset.numClasses(), dataset.imageShape());
    }
}
