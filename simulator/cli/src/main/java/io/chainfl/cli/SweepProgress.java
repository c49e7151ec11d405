package io.chainfl.cli;

import io.chainfl.engine.metrics.ParticipantMetrics;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.metrics.TimingRecord;
import java.io.OutputStream;
import java.io.PrintStream;

/** Plumbing for the one progress bar of a sweep, fed by the rounds of every run in flight. */
final class SweepProgress {
    static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    private SweepProgress() {}

    /** Forwards everything to {@code recorder} and, for rounds, also to {@code observer}. */
    static RunListener alsoRounds(RunListener recorder, RunListener observer) {
        if (observer == RunListener.NONE) {
            return recorder;
        }
        return new RunListener() {
            @Override
            public void onRound(RoundMetrics metrics) {
                recorder.onRound(metrics);
                observer.onRound(metrics);
            }

            @Override
            public void onParticipant(ParticipantMetrics metrics) {
                recorder.onParticipant(metrics);
            }

            @Override
            public void onEvent(RunEvent event) {
                recorder.onEvent(event);
            }

            @Override
            public void onTiming(TimingRecord timing) {
                recorder.onTiming(timing);
            }
        };
    }
}
