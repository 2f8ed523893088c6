package org.bnkit.stats;

import java.util.Arrays;

/**
 * Percentiles by linear interpolation between order statistics (NumPy's default): the p-th
 * percentile of sorted values v_0..v_{n-1} is v at position (n - 1) p / 100.
 */
public final class Percentiles {
    private Percentiles() {
    }

    /**
     * @param values the sample. Not modified.
     * @param ps     percentiles in [0, 100]
     * @return one value per requested percentile
     */
    public static double[] of(double[] values, double... ps) {
        if (values.length == 0) {
            throw new IllegalArgumentException("Percentiles.of: the sample is empty");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] out = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            out[i] = ofSorted(sorted, ps[i]);
        }
        return out;
    }

    /** The p-th percentile of an already sorted sample. */
    public static double ofSorted(double[] sorted, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("Percentiles: p must be in [0, 100], got " + p);
        }
        double pos = (sorted.length - 1) * p / 100.0;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
    }
}
