package org.bnkit.plot;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.image.BufferedImage;

/**
 * XChart charts in the kit's style, and their conversion to images that every Java kernel shows
 * as PNG (a {@link BufferedImage} left as a cell's last expression, or passed to
 * {@code display(...)}).
 */
public final class Plots {
    /** Default chart size in pixels. */
    public static final int WIDTH = 720;
    public static final int HEIGHT = 420;

    private Plots() {
    }

    /**
     * A line chart with a title, axis labels (state the units) and a legend below the plot, where
     * it never hides a curve.
     */
    public static XYChart lines(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        return chart;
    }

    /** The chart drawn as an image. */
    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** 0, 1, ..., n-1 as doubles: an x axis for a series of n points. */
    public static double[] range(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }
}
