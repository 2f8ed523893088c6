package org.bnkit.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * XChart charts in the kit's style, and their conversion to images that every Java kernel shows
 * as PNG (a {@link BufferedImage} left as a cell's last expression, or passed to
 * {@code display(...)}).
 */
public final class Plots {
    /** The network without BN, in every chart of the kit. */
    public static final Color PLAIN = new Color(31, 119, 180);
    /** The network with BN, in every chart of the kit. */
    public static final Color WITH_BN = new Color(214, 39, 40);
    /** Reference lines (y = x, a bound, the paper's value): grey and dashed. */
    public static final Color REFERENCE = new Color(90, 90, 90);
    /** Further curves, in order, when a chart compares more than two things. */
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), new Color(255, 127, 14),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(23, 190, 207)};

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
     * The chart drawn as an image, at the chart's own size, with round x ticks (see
     * {@link #paint(Chart, Graphics2D, int, int)}).
     */
    public static BufferedImage image(Chart<?, ?> chart) {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            paint(chart, g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        return WholePng.of(image);
    }

    /**
     * Paints {@code chart} on {@code g} in a {@code width} x {@code height} area: what {@link #image} and
     * {@link Grid#of} draw.
     *
     * <p>XChart puts the x-axis ticks of an XY chart on the data points when they are equally
     * spaced (steps 1, 37, 73, ...); with many points that gives crowded, odd labels. For such a
     * chart (on a linear x axis) one invisible point between the first two x values is added while
     * painting, so that XChart chooses round tick values instead; the chart itself is left as it was.
     */
    static void paint(Chart<?, ?> chart, Graphics2D g, int width, int height) {
        double[] between = chart instanceof XYChart xy && !xy.getStyler().isXAxisLogarithmic()
                ? pointBetweenEquallySpacedX(xy) : null;
        if (between == null) {
            chart.paint(g, width, height);
            return;
        }
        XYChart xy = (XYChart) chart;
        String name = "\u0000tick-spacing";
        XYSeries hidden = xy.addSeries(name, new double[] {between[0]}, new double[] {between[1]});
        hidden.setShowInLegend(false);
        hidden.setMarker(SeriesMarkers.NONE);
        hidden.setLineStyle(SeriesLines.NONE);
        try {
            chart.paint(g, width, height);
        } finally {
            xy.removeSeries(name);
        }
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

    /** An axis of a chart. */
    public enum Axis { X, Y }

    /**
     * Labels {@code axis}, which carries logarithms to base {@code base} of the quantity, with the
     * numbers they stand for, in one style per axis. With base 10: if every series' values on the axis
     * lie between 1e-3 and 1e4, as plain numbers with two significant digits ("0.63", "1", "6.3",
     * "10"); otherwise all in powers of ten ("1e-4", "3.2e-4", "1e0", "3.2e0"), so that an axis never
     * mixes "6.3" with "6.3e-1". With base 2: the number itself, "64" at 6. Plot
     * {@link #log(int, double...)} of the values on the (linear) axis: unlike an XChart logarithmic
     * axis, which draws a grid line at every 2..9 times a power of ten and may label decades as
     * "0.001" and "1E-4" side by side, this gives a clean grid. The style is chosen when the chart is
     * drawn, from the series it then holds.
     */
    public static XYChart logScale(XYChart chart, Axis axis, int base) {
        if (base < 2) {
            throw new IllegalArgumentException("logScale: base must be at least 2, got " + base);
        }
        Function<Double, String> label = v -> powerLabel(base, v, plainRange(chart, axis));
        if (axis == Axis.X) {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(label);
        } else {
            chart.getStyler().setyAxisTickLabelsFormattingFunction(label);
        }
        return chart;
    }

    /** Whether every finite value of the chart's series on {@code axis} (a log10 axis) lies in [-3, 4]. */
    private static boolean plainRange(XYChart chart, Axis axis) {
        for (XYSeries s : chart.getSeriesMap().values()) {
            double low = axis == Axis.X ? s.getXMin() : s.getYMin();
            double high = axis == Axis.X ? s.getXMax() : s.getYMax();
            if ((Double.isFinite(low) && low < -3) || (Double.isFinite(high) && high > 4)) {
                return false;
            }
        }
        return true;
    }

    /** The logarithms to base {@code base} of {@code values}, for an axis labelled by {@link #logScale}. */
    public static double[] log(int base, double... values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.log(values[i]) / Math.log(base);
        }
        return out;
    }

    /**
     * base^e written out. For base 10 with {@code plain}: two significant digits as a plain number
     * ("0.63", "1", "6.3", "10"); without: a power of ten at whole exponents ("1e-4", "1e0", "1e2")
     * and two significant digits in the same style between them ("3.2e-5", "3.2e0"). For other
     * bases the number itself. Every tick gets its own label (XChart drops an axis's ticks when two
     * labels are equal).
     */
    static String powerLabel(int base, double exponent, boolean plain) {
        long e = Math.round(exponent);
        boolean whole = Math.abs(exponent - e) < 1e-9;
        if (base != 10 || plain) {
            int digits = base == 10 ? 2 : 3;
            return new BigDecimal(Math.pow(base, whole ? e : exponent)).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
        }
        if (whole) {
            return "1e" + e;
        }
        long decade = (long) Math.floor(exponent);
        String mantissa = String.format(Locale.ROOT, "%.1f", Math.pow(10, exponent - decade));
        return mantissa + "e" + decade;
    }

    /** 0, 1, ..., n-1 as doubles: an x axis for a series of n points. */
    public static double[] range(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }
    /** The i-th colour of the kit's palette (it starts with {@link #PLAIN} and {@link #WITH_BN}). */
    public static Color palette(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /**
     * Draws {@code series} as a solid line of colour {@code color}, without markers (markers set
     * later take the same colour).
     */
    public static XYSeries solid(XYSeries series, Color color) {
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setLineStyle(SeriesLines.SOLID);
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }

    /** Draws {@code series} as a dashed line of colour {@code color}. */
    public static XYSeries dashed(XYSeries series, Color color) {
        solid(series, color).setLineStyle(SeriesLines.DASH_DASH);
        return series;
    }

    /** Draws {@code series} as a dotted line of colour {@code color}. */
    public static XYSeries dotted(XYSeries series, Color color) {
        solid(series, color).setLineStyle(SeriesLines.DOT_DOT);
        return series;
    }

    /** Adds a reference line through the given points (y = x, a bound): grey, dashed. */
    public static XYSeries reference(XYChart chart, String name, double[] x, double[] y) {
        return dashed(chart.addSeries(name, x, y), REFERENCE);
    }

    /**
     * Adds the runs of several seeds as one curve and its spread: the median over seeds as a
     * solid line named "{@code name} (median of N seeds)", and the smallest and largest value at
     * each x as thin lines of the same colour, lighter, without legend entries.
     *
     * @param perSeed one row per seed, each as long as {@code x}
     * @return the median's series
     */
    public static XYSeries spread(XYChart chart, String name, double[] x, double[][] perSeed, Color color) {
        if (perSeed.length == 0) {
            throw new IllegalArgumentException("spread of '" + name + "' needs at least one seed's run");
        }
        double[] low = new double[x.length], median = new double[x.length], high = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] atX = new double[perSeed.length];
            for (int s = 0; s < perSeed.length; s++) {
                if (perSeed[s].length != x.length) {
                    throw new IllegalArgumentException("spread of '" + name + "': seed " + s + " has "
                            + perSeed[s].length + " values for " + x.length + " x values");
                }
                atX[s] = perSeed[s][i];
            }
            Arrays.sort(atX);
            low[i] = atX[0];
            high[i] = atX[atX.length - 1];
            int mid = atX.length / 2;
            median[i] = atX.length % 2 == 1 ? atX[mid] : (atX[mid - 1] + atX[mid]) / 2;
        }
        Color light = new Color((color.getRed() + 2 * 255) / 3, (color.getGreen() + 2 * 255) / 3,
                (color.getBlue() + 2 * 255) / 3);
        for (double[] bound : new double[][] {low, high}) {
            XYSeries edge = solid(chart.addSeries(name + (bound == low ? " (min)" : " (max)"), x, bound), light);
            edge.setShowInLegend(false);
        }
        return solid(chart.addSeries(name + " (median of " + perSeed.length + " seeds)", x, median), color);
    }
}
