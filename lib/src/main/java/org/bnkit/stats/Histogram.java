package org.bnkit.stats;

/**
 * Counts of a sample in equal-width bins over [low, high); values outside are counted in
 * {@link #below()} and {@link #above()}.
 */
public final class Histogram {
    private final double low;
    private final double high;
    private final long[] counts;
    private long below;
    private long above;
    private long total;

    public Histogram(double low, double high, int bins) {
        if (!(high > low) || bins < 1) {
            throw new IllegalArgumentException("Histogram: need low < high and bins >= 1, got [" + low + ", " + high + ") with " + bins + " bins");
        }
        this.low = low;
        this.high = high;
        this.counts = new long[bins];
    }

    /** A histogram of {@code values} over [low, high). */
    public static Histogram of(double[] values, double low, double high, int bins) {
        Histogram h = new Histogram(low, high, bins);
        for (double v : values) {
            h.add(v);
        }
        return h;
    }

    public void add(double v) {
        total++;
        if (v < low) {
            below++;
        } else if (v >= high) {
            above++;
        } else {
            int b = (int) ((v - low) / (high - low) * counts.length);
            counts[Math.min(b, counts.length - 1)]++;
        }
    }

    /** The count of each bin (a copy). */
    public long[] counts() {
        return counts.clone();
    }

    /** The fraction of all values added that fell in each bin: a density that sums to at most 1. */
    public double[] fractions() {
        double[] f = new double[counts.length];
        for (int b = 0; b < counts.length; b++) {
            f[b] = total == 0 ? 0 : (double) counts[b] / total;
        }
        return f;
    }

    /** The centre of each bin, for plotting. */
    public double[] centers() {
        double[] c = new double[counts.length];
        double w = (high - low) / counts.length;
        for (int b = 0; b < counts.length; b++) {
            c[b] = low + (b + 0.5) * w;
        }
        return c;
    }

    public long below() {
        return below;
    }

    public long above() {
        return above;
    }

    public long total() {
        return total;
    }
}
