package io.chainfl.scenarios.sum;

/**
 * One accepted addData(x, y): who, when, what (x is row {@code row} of the data pool), and the escrow deposit
 * that came with it (0 when none).
 */
record Contribution(long index, SumAgent agent, long timeMillis, int row, float[] x, int label, long depositId, long deposit) {}
