package io.chainfl.learning.model;

/** The in-place ReLU and its derivative shared by the dense and convolutional layers: element by element, exact. */
final class Activations {
    private Activations() {}

    /** {@code x = max(0, x)} on the first {@code length} values. */
    static void reluInPlace(float[] x, int length) {
        for (int i = 0; i < length; i++) {
            x[i] = Math.max(0f, x[i]);
        }
    }

    /**
     * Masks {@code grad} in place with the ReLU derivative; {@code activated} may be the ReLU input or
     * output since both are positive at exactly the same positions.
     */
    static void reluBackwardInPlace(float[] activated, float[] grad, int length) {
        for (int i = 0; i < length; i++) {
            if (!(activated[i] > 0f)) {
                grad[i] = 0f;
            }
        }
    }
}
