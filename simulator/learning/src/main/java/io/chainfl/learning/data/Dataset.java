package io.chainfl.learning.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An in-memory labelled data set: row-major features ({@code size x numFeatures}) and integer labels in
 * {@code [0, numClasses)}. Immutable by convention: nothing mutates the arrays after construction.
 *
 * @param imageShape geometry of one sample when it is an image, else {@code null}
 */
public record Dataset(String name, float[] features, int[] labels, int numFeatures, int numClasses, ImageShape imageShape) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (numFeatures <= 0 || numClasses <= 1) {
            throw new IllegalArgumentException("need numFeatures > 0 and numClasses > 1");
        }
        if ((long) labels.length * numFeatures != features.length) {
            throw new IllegalArgumentException("features length " + features.length + " != " + labels.length + " x " + numFeatures);
        }
        if (imageShape != null && imageShape.size() != numFeatures) {
            throw new IllegalArgumentException("image shape " + imageShape + " does not match " + numFeatures + " features");
        }
        for (int label : labels) {
            if (label < 0 || label >= numClasses) {
                throw new IllegalArgumentException("label " + label + " outside [0," + numClasses + ")");
            }
        }
    }

    public int size() {
        return labels.length;
    }

    /** A new data set holding the given rows, in the given order. */
    public Dataset subset(int[] indices) {
        return subset(indices, name);
    }

    public Dataset subset(int[] indices, String subsetName) {
        float[] x = new float[indices.length * numFeatures];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * numFeatures, x, i * numFeatures, numFeatures);
            y[i] = labels[indices[i]];
        }
        return new Dataset(subsetName, x, y, numFeatures, numClasses, imageShape);
    }

    /** Concatenates data sets with the same geometry (used by the centralized baseline). */
    public static Dataset concat(String name, java.util.List<Dataset> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        Dataset first = parts.get(0);
        int total = parts.stream().mapToInt(Dataset::size).sum();
        float[] x = new float[total * first.numFeatures];
        int[] y = new int[total];
        int row = 0;
        for (Dataset d : parts) {
            if (d.numFeatures != first.numFeatures || d.numClasses != first.numClasses) {
                throw new IllegalArgumentException("cannot concatenate data sets of different geometry");
            }
            System.arraycopy(d.features, 0, x, row * first.numFeatures, d.features.length);
            System.arraycopy(d.labels, 0, y, row, d.size());
            row += d.size();
        }
        return new Dataset(name, x, y, first.numFeatures, first.numClasses, first.imageShape);
    }

    /** Features of the given rows as a row-major {@code rows x numFeatures} array (a copy). */
    public float[] featureMatrix(int[] rows) {
        float[] x = new float[rows.length * numFeatures];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * numFeatures, x, i * numFeatures, numFeatures);
        }
        return x;
    }

    /** Labels of the given rows, in that order. */
    public int[] labelsOf(int[] rows) {
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = labels[rows[i]];
        }
        return y;
    }

    public int[] allRows() {
        int[] rows = new int[size()];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    public int[] labelCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
