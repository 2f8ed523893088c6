package org.bnkit.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlotsTest {

    @Test
    void imageOfAChartWithEquallySpacedStepsLeavesTheChartUnchanged() {
        XYChart chart = StepCharts.lossAtEquallySpacedSteps("title");
        BufferedImage image = Plots.image(chart);
        assertEquals(Plots.WIDTH, image.getWidth());
        WholePngTest.assertHeightIsAtLeast(Plots.HEIGHT, image);
        assertEquals(List.of("loss"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(Plots.WIDTH, Plots.image(chart).getWidth(), "the chart can be drawn again");
    }

    @Test
    void tablesBecomeEscapedHtml() {
        Table t = Table.create("a <b>", StringColumn.create("name", "x&y"), DoubleColumn.create("v", 0.5));
        String html = Tables.html(t);
        assertTrue(html.startsWith("<table><caption>a &lt;b&gt;</caption>"), html);
        assertTrue(html.contains("<th>name</th><th>v</th>") && html.contains("<td>x&amp;y</td><td>0.5</td>"), html);
    }

    @Test
    void spreadDrawsTheMedianOverSeedsAndHidesItsBoundsFromTheLegend() {
        XYChart chart = Plots.lines("title", "step", "accuracy");
        double[] x = {0, 1, 2};
        XYSeries median = Plots.spread(chart, "BN", x,
                new double[][] {{0.1, 0.5, 0.9}, {0.3, 0.4, 0.8}, {0.2, 0.6, 0.7}}, Plots.WITH_BN);
        assertEquals("BN (median of 3 seeds)", median.getName());
        assertArrayEquals(new double[] {0.2, 0.5, 0.8}, median.getYData(), 1e-15);
        assertArrayEquals(new double[] {0.1, 0.4, 0.7}, chart.getSeriesMap().get("BN (min)").getYData(), 1e-15);
        assertArrayEquals(new double[] {0.3, 0.6, 0.9}, chart.getSeriesMap().get("BN (max)").getYData(), 1e-15);
        assertFalse(chart.getSeriesMap().get("BN (max)").isShowInLegend());
        assertThrows(IllegalArgumentException.class,
                () -> Plots.spread(chart, "short", x, new double[][] {{1, 2}}, Plots.PLAIN));
    }

    @Test
    void logScaleLabelsAnAxisInOneStyleChosenFromItsData() {
        XYChart chart = Plots.logScale(Plots.lines("t", "d", "seconds"), Plots.Axis.Y, 10);
        Plots.logScale(chart, Plots.Axis.X, 2);
        chart.addSeries("narrow", new double[] {1, 2}, new double[] {-0.5, 1.0});
        java.util.function.Function<Double, String> y = chart.getStyler().getyAxisTickLabelsFormattingFunction();
        java.util.function.Function<Double, String> x = chart.getStyler().getxAxisTickLabelsFormattingFunction();
        // data from 0.32 to 10: plain numbers
        assertEquals(List.of("0.1", "1", "10", "0.32", "3.2", "0.00032"), List.of(y.apply(-1.0), y.apply(0.0), y.apply(1.0),
                y.apply(-0.5), y.apply(0.5), y.apply(-3.5)));
        // data down to 1e-5: every label a power of ten, 1 included
        chart.addSeries("wide", new double[] {1, 2}, new double[] {-5.0, -1.0});
        assertEquals(List.of("1e-4", "1e-1", "1e0", "1e1", "3.2e-4", "3.2e-1", "3.2e0"), List.of(y.apply(-4.0), y.apply(-1.0),
                y.apply(0.0), y.apply(1.0), y.apply(-3.5), y.apply(-0.5), y.apply(0.5)));
        assertEquals(List.of("64", "512", "0.5", "90.5"), List.of(x.apply(6.0), x.apply(9.0), x.apply(-1.0), x.apply(6.5)));
        assertArrayEquals(new double[] {-4, 0, 2}, Plots.log(10, 1e-4, 1, 100), 1e-12);
        assertArrayEquals(new double[] {6, 9}, Plots.log(2, 64, 512), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Plots.logScale(chart, Plots.Axis.X, 1));
    }

    @Test
    void solidSetsTheMarkerColourToo() {
        XYChart chart = Plots.lines("t", "x", "y");
        XYSeries s = Plots.solid(chart.addSeries("s", new double[] {0, 1}, new double[] {0, 1}), Plots.WITH_BN);
        assertEquals(Plots.WITH_BN, s.getMarkerColor());
        assertEquals(Plots.WITH_BN, s.getLineColor());
    }

    @Test
    void numbersAreShownRoundedButKeepTheirValues() {
        DoubleColumn c = Tables.numbers("ratio", 3, 1.23456, 10.0);
        assertEquals("1.235", c.getString(0));
        assertEquals(1.23456, c.get(0), 0);
    }
}
