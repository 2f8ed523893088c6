package org.bnkit.plot;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.SortedSet;
import java.util.TreeSet;

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

    /**
     * The chart drawn as an image.
     *
     * <p>XChart puts the x-axis ticks of an XY chart on the data points when they are equally
     * spaced (steps 1, 37, 73, ...); with many points that gives crowded, odd labels. For such a
     * chart (on a linear x axis) one invisible point between the first two x values is added while
     * drawing, so that XChart chooses round tick values instead; the chart itself is left as it was.
     */
    public static BufferedImage image(Chart<?, ?> chart) {
        if (chart instanceof XYChart xy && !xy.getStyler().isXAxisLogarithmic()) {
            double[] between = pointBetweenEquallySpacedX(xy);
            if (between != null) {
                String name = "\u0000tick-spacing";
                XYSeries hidden = xy.addSeries(name, new double[] {between[0]}, new double[] {between[1]});
                hidden.setShowInLegend(false);
                hidden.setMarker(SeriesMarkers.NONE);
                hidden.setLineStyle(SeriesLines.NONE);
                try {
                    return WholePng.of(BitmapEncoder.getBufferedImage(chart));
                } finally {
                    xy.removeSeries(name);
                }
            }
        }
        return WholePng.of(BitmapEncoder.getBufferedImage(chart));
    }

    /**
     * (x, y) halfway between the two smallest x values, if the chart's x values are more than 12
     * and equally spaced; y is a value the chart already shows. Else null.
     */
    private static double[] pointBetweenEquallySpacedX(XYChart chart) {
        SortedSet<Double> xs = new TreeSet<>();
        double y = Double.NaN;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double x : series.getXData()) {
                xs.add(x);
            }
            for (double v : series.getYData()) {
                if (Double.isNaN(y) && Double.isFinite(v)) {
                    y = v;
                }
            }
        }
        if (xs.size() <= 12 || Double.isNaN(y)) {
            return null;
        }
        Double[] sorted = xs.toArray(new Double[0]);
        double step = sorted[1] - sorted[0];
        for (int i = 2; i < sorted.length; i++) {
            if (Math.abs(sorted[i] - sorted[i - 1] - step) > 1e-4) {
                return null;
            }
        }
        return new double[] {sorted[0] + step / 2, y};
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
