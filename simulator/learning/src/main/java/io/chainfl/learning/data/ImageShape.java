package io.chainfl.learning.data;

/** Channel-first image geometry of a sample, for models that need spatial structure (the CNN). */
public record ImageShape(int channels, int height, int width) {
    public ImageShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image dimensions must be positive: " + channels + "x" + height + "x" + width);
        }
    }

    public int size() {
        return channels * height * width;
    }
}
