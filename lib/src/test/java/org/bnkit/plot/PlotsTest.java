package org.bnkit.plot;

import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotsTest {

    @Test
    void imageOfAChartWithEquallySpacedStepsLeavesTheChartUnchanged() {
        XYChart chart = Plots.lines("title", "step", "loss");
        double[] x = new double[50], y = new double[50];
        for (int i = 0; i < 50; i++) {
            x[i] = 1 + 12 * i;
            y[i] = Math.sin(i / 5.0);
        }
        chart.addSeries("loss", x, y);
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
}
