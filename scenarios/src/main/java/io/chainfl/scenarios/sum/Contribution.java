package io.chainfl.scenarios.sum;

/** One accepted addData(x, y): who, when, what, and the escrow deposit that came with it (0 when none). */
record Contribution(long index, SumAgent agent, long timeMillis, float[] x, int label, long depositId, long deposit) {}
