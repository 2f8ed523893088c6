package org.bnkit.plot;

import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.Test;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GridTest {

    private static XYChart small(String title) {
        XYChart c = Plots.lines(title, "x", "y");
        c.addSeries("line", new double[] {0, 1}, new double[] {0, 1});
        return c;
    }

    private static boolean anyDrawn(BufferedImage img, int x0, int y0, int w, int h) {
        for (int x = x0; x < x0 + w; x++) {
            for (int y = y0; y < y0 + h; y++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void placesChartsRowByRowInCellsOfTheGivenSize() {
        BufferedImage img = Grid.of(2, 300, 200, small("a"), small("b"), small("c"));
        assertEquals(600, img.getWidth());
        WholePngTest.assertHeightIsAtLeast(400, img);
        assertTrue(anyDrawn(img, 0, 0, 300, 200), "first chart in the top-left cell");
        assertTrue(anyDrawn(img, 300, 0, 300, 200), "second chart in the top-right cell");
        assertTrue(anyDrawn(img, 0, 200, 300, 200), "third chart in the first cell of the second row");
        assertTrue(!anyDrawn(img, 300, 200, 300, 200), "the empty fourth cell stays white");
    }

    @Test
    void fewerChartsThanColumnsMakeOneRowOfDefaultCells() {
        BufferedImage img = Grid.of(4, small("a"), small("b"));
        assertEquals(2 * Grid.CELL_WIDTH, img.getWidth());
        WholePngTest.assertHeightIsAtLeast(Grid.CELL_HEIGHT, img);
    }

    /** The first pixel (x, y) where a and b differ within width x height, or null. */
    private static int[] firstDifference(BufferedImage a, BufferedImage b, int width, int height) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return new int[] {x, y};
                }
            }
        }
        return null;
    }

    @Test
    void chartsInAGridGetTheRoundTicksOfPlotsImage() {
        XYChart chart = StepCharts.lossAtEquallySpacedSteps("steps 1, 13, 25, ...");
        BufferedImage alone = Plots.image(chart);
        BufferedImage inGrid = Grid.of(1, Plots.WIDTH, Plots.HEIGHT, chart);
        int[] differs = firstDifference(alone, inGrid, Plots.WIDTH, Plots.HEIGHT);
        assertTrue(differs == null, "a one-cell grid of the chart's size draws what Plots.image draws; first difference at "
                + (differs == null ? "" : differs[0] + ", " + differs[1]));

        BufferedImage ticksOnThePoints = new BufferedImage(Plots.WIDTH, Plots.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ticksOnThePoints.createGraphics();
        chart.paint(g, Plots.WIDTH, Plots.HEIGHT);
        g.dispose();
        assertTrue(firstDifference(alone, ticksOnThePoints, Plots.WIDTH, Plots.HEIGHT) != null,
                "XChart's own ticks (on the data points) differ from the round ones");
        assertEquals(List.of("loss"), List.copyOf(chart.getSeriesMap().keySet()), "the chart is left as it was");
    }

    @Test
    void rejectsNoChartsNoColumnsAndTinyCells() {
        assertThrows(IllegalArgumentException.class, () -> Grid.of(2));
        assertThrows(IllegalArgumentException.class, () -> Grid.of(0, small("a")));
        assertThrows(IllegalArgumentException.class, () -> Grid.of(1, 50, 50, small("a")));
    }
}
