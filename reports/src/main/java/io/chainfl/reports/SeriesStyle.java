package io.chainfl.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;

/**
 * Consistent colours per series across every chart (colour-blind-safe Okabe-Ito palette), with baselines
 * drawn dashed in black so a reader always finds the reference line.
 */
final class SeriesStyle {
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x8C564B), new Color(0x999999)
    };

    private SeriesStyle() {}

    static boolean isBaseline(String series) {
        return series.equals("centralized") || series.startsWith("baseline");
    }

    static Color colour(int index, String series) {
        return isBaseline(series) ? Color.BLACK : PALETTE[index % PALETTE.length];
    }

    static Stroke stroke(String series) {
        return isBaseline(series)
                ? new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                : new BasicStroke(2.2f);
    }
}
