package io.chainfl.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One colour per series name, the same in every chart of a run, a variants folder or a sweep, from Paul Tol's
 * colour-blind-safe "muted" palette; baselines drawn dashed in black so a reader always finds the reference.
 *
 * <p>A name's colour is picked by its hash (String.hashCode is fixed by the language, so it is the same on
 * every JVM and in every chart). Two names of one chart that hash to the same colour are told apart by
 * {@link #colours}: in name order, a later one moves to the next colour free in that chart.
 */
final class SeriesStyle {
    /** Paul Tol, "muted" qualitative scheme (https://personal.sron.nl/~pault/), distinct under every common colour-vision deficiency. */
    static final List<Color> PALETTE = List.of(
            new Color(0x332288), new Color(0x88CCEE), new Color(0x44AA99), new Color(0x117733), new Color(0x999933),
            new Color(0xDDCC77), new Color(0xCC6677), new Color(0x882255), new Color(0xAA4499));
    static final Color BASELINE = Color.BLACK;

    private SeriesStyle() {}

    static boolean isBaseline(String series) {
        return series.equals("centralized") || series.startsWith("baseline");
    }

    /** The colour a series gets when no other series of its chart claims the same one. */
    static Color colour(String series) {
        return isBaseline(series) ? BASELINE : PALETTE.get(Math.floorMod(series.hashCode(), PALETTE.size()));
    }

    /** Kept for callers that still pass a position: the colour depends on the name only. */
    static Color colour(int index, String series) {
        return colour(series);
    }

    /** Colours for the series of one chart, distinct as long as there are no more series than colours. */
    static Map<String, Color> colours(List<String> series) {
        Map<String, Color> assigned = new LinkedHashMap<>();
        boolean[] used = new boolean[PALETTE.size()];
        int free = PALETTE.size();
        for (String name : new TreeSet<>(series)) {
            if (isBaseline(name)) {
                assigned.put(name, BASELINE);
                continue;
            }
            int slot = Math.floorMod(name.hashCode(), PALETTE.size());
            while (free > 0 && used[slot]) {
                slot = (slot + 1) % PALETTE.size();
            }
            if (!used[slot]) {
                used[slot] = true;
                free--;
            }
            assigned.put(name, PALETTE.get(slot));
        }
        Map<String, Color> inChartOrder = new LinkedHashMap<>();
        series.forEach(name -> inChartOrder.put(name, assigned.get(name)));
        return inChartOrder;
    }

    static Stroke stroke(String series) {
        return isBaseline(series) ? dashed(2.0f) : new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    static Stroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f);
    }

    /** CSS colour of a series for the HTML report's tables, so a row matches its line. */
    static String css(Color c) {
        return String.format("#%06x", c.getRGB() & 0xFFFFFF);
    }
}
