package io.chainfl.learning.model;

/**
 * What {@link LocalTrainer} reuses from one training to the next on the same thread: the gradient vector, the row
 * order and the mini-batch arrays. Participants sharing a thread train one after another, each within one message,
 * so one set per thread serves them all instead of a new gradient (4 bytes per parameter), batch and order per
 * participant and round. Nothing of one training is read by the next: the gradient is overwritten by every step,
 * the order is reset to 0..n-1 before the first shuffle and the batches are overwritten row by row, so the results
 * are those of fresh arrays.
 */
final class TrainingScratch {
    private static final ThreadLocal<TrainingScratch> PER_THREAD = ThreadLocal.withInitial(TrainingScratch::new);

    private float[] gradient = new float[0];
    private int[] order = new int[0];
    private final BatchAssembler batches = new BatchAssembler();
    private boolean inUse;

    /**
     * This thread's scratch, marked in use until {@link #release()}; a fresh one when it already is (a training
     * started from inside another on the same thread must not overwrite the outer one's arrays).
     */
    static TrainingScratch acquire() {
        TrainingScratch scratch = PER_THREAD.get();
        if (scratch.inUse) {
            scratch = new TrainingScratch();
        }
        scratch.inUse = true;
        return scratch;
    }

    void release() {
        inUse = false;
    }

    /** A gradient vector of exactly {@code length} floats (its contents are whatever the last training left). */
    float[] gradient(int length) {
        if (gradient.length != length) {
            gradient = new float[length];
        }
        return gradient;
    }

    /** {@code 0, 1, ..., rows-1}: the order the first shuffle permutes, as {@code Dataset.allRows()} gives it. */
    int[] identityOrder(int rows) {
        if (order.length != rows) {
            order = new int[rows];
        }
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        return order;
    }

    BatchAssembler batches() {
        return batches;
    }
}
