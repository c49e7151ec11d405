package io.chainfl.cli;

import io.chainfl.engine.metrics.ParticipantMetrics;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.metrics.TimingRecord;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr (rounds done, current accuracy, ETA) that forwards everything to the real
 * listener. On a terminal it redraws one line; in logs (CI) it prints a line every 10%.
 */
final class ProgressBar implements RunListener {
    private final RunListener delegate;
    private final PrintStream out;
    private final int total;
    private final boolean interactive;
    private final Stopwatch clock = Stopwatch.start();
    private int done;
    private int lastDecile = -1;

    ProgressBar(RunListener delegate, PrintStream out, int totalRounds, boolean interactive) {
        this.delegate = delegate;
        this.out = out;
        this.total = Math.max(1, totalRounds);
        this.interactive = interactive;
    }

    @Override
    public synchronized void onRound(RoundMetrics m) {
        delegate.onRound(m);
        done++;
        double fraction = Math.min(1.0, done / (double) total);
        double elapsed = clock.elapsedMillis() / 1000.0;
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        int width = 30;
        int filled = (int) Math.round(fraction * width);
        String line = String.format(Locale.ROOT, "[%s%s] %3.0f%% %d/%d rounds  %s r%d acc %.4f  %s elapsed, ETA %s",
                "=".repeat(filled), " ".repeat(width - filled), 100 * fraction, done, total, m.series(), m.round(), m.accuracy(),
                duration(elapsed), duration(eta));
        if (interactive) {
            out.print("\r" + line + "   ");
            if (done >= total) {
                out.println();
            }
        } else {
            int decile = (int) Math.floor(fraction * 10);
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line);
            }
        }
        out.flush();
    }

    @Override
    public void onParticipant(ParticipantMetrics metrics) {
        delegate.onParticipant(metrics);
    }

    @Override
    public void onEvent(RunEvent event) {
        delegate.onEvent(event);
    }

    @Override
    public void onTiming(TimingRecord timing) {
        delegate.onTiming(timing);
    }

    /** Ends an unfinished interactive line so the next message starts on its own line. */
    synchronized void interrupt() {
        if (interactive && done < total) {
            out.println();
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
