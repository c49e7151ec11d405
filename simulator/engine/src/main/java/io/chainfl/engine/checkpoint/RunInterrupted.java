package io.chainfl.engine.checkpoint;

/** The user asked the run to stop (Ctrl-C, SIGTERM); thrown once the checkpoint after {@link #round()} is written. */
public final class RunInterrupted extends RuntimeException {
    private final String series;
    private final int round;

    public RunInterrupted(String series, int round) {
        super("interrupted after round " + round + " of " + series);
        this.series = series;
        this.round = round;
    }

    public String series() {
        return series;
    }

    public int round() {
        return round;
    }
}
