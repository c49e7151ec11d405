package io.chainfl.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesStyleTest {

    @Test
    void aSeriesKeepsItsColourWhateverTheOrderOfTheChartsSeries() {
        List<String> names = List.of("epsilon=0", "epsilon=0.1", "epsilon=0.2", "epsilon=0.3", "centralized");
        List<String> reversed = new ArrayList<>(names);
        java.util.Collections.reverse(reversed);
        assertEquals(SeriesStyle.colours(names), Map.copyOf(SeriesStyle.colours(reversed)));
    }

    @Test
    void seriesOfOneChartGetDistinctColoursUpToThePaletteSize() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < SeriesStyle.PALETTE.size(); i++) {
            names.add("variant-" + i);
        }
        assertEquals(names.size(), new HashSet<>(SeriesStyle.colours(names).values()).size());
    }

    @Test
    void aSeriesAloneGetsItsOwnColourAndBaselinesAreBlack() {
        assertEquals(SeriesStyle.colour("fedavg"), SeriesStyle.colours(List.of("fedavg")).get("fedavg"));
        assertEquals(Color.BLACK, SeriesStyle.colours(List.of("fedavg", "centralized")).get("centralized"));
        assertNotEquals(Color.BLACK, SeriesStyle.colour("fedavg"));
    }
}
