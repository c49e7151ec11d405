package io.chainfl.learning.model;

/**
 * Outcome of one round of local training.
 *
 * @param meanLoss    sample-weighted mean of the mini-batch losses, each taken before its update; NaN if no samples
 * @param samplesSeen samples processed over all local epochs
 * @param steps       SGD updates applied
 */
public record TrainResult(double meanLoss, long samplesSeen, int steps) {}
