package io.chainfl.engine.metrics;

import java.util.List;

/**
 * What a sweep chart draws: panels (one per facet value) of lines, each point a mean over seeds with its 95%
 * confidence band. When the x values are not numbers, {@code xCategories} names them and x is the index.
 */
public record SweepBands(String title, String subtitle, String xLabel, String yLabel, List<String> xCategories, List<Panel> panels) {
    public SweepBands {
        xCategories = List.copyOf(xCategories);
        panels = List.copyOf(panels);
    }

    public record Panel(String title, List<Line> lines) {
        public Panel {
            lines = List.copyOf(lines);
        }
    }

    /** One line; {@code baseline} lines (the centralized reference) are drawn dashed. */
    public record Line(String label, boolean baseline, List<Point> points) {
        public Line {
            points = List.copyOf(points);
        }
    }

    public record Point(double x, MeanInterval y) {}
}
