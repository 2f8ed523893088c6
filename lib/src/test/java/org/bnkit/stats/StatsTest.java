package org.bnkit.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatsTest {

    @Test
    void percentilesInterpolateLikeNumPy() {
        double[] v = {4, 1, 3, 2, 5};
        assertArrayEquals(new double[] {1, 1.6, 3, 4.4, 5}, Percentiles.of(v, 0, 15, 50, 85, 100), 1e-12);
        assertArrayEquals(new double[] {4, 1, 3, 2, 5}, v, 0.0);
    }

    @Test
    void lineFitRecoversAPowerLawExponent() {
        double[] d = {10, 20, 40, 80, 160};
        double[] cost = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            cost[i] = 3e-9 * Math.pow(d[i], 3);
        }
        LineFit f = LineFit.logLog(d, cost);
        assertEquals(3.0, f.slope(), 1e-12);
        assertEquals(Math.log10(3e-9), f.intercept(), 1e-12);
        assertEquals(1.0, f.r2(), 1e-12);
    }

    @Test
    void lineFitOfNoisyPointsHasRSquaredBelowOne() {
        LineFit f = LineFit.of(new double[] {0, 1, 2, 3}, new double[] {0, 2, 1, 3});
        assertEquals(0.8, f.slope(), 1e-12);
        assertEquals(0.3, f.intercept(), 1e-12);
        assertEquals(0.64, f.r2(), 1e-12);
        assertEquals(1.9, f.at(2), 1e-12);
    }

    @Test
    void lineFitRejectsDegenerateInput() {
        assertThrows(IllegalArgumentException.class, () -> LineFit.of(new double[] {1, 1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> LineFit.logLog(new double[] {1, 2}, new double[] {0, 2}));
    }

    @Test
    void histogramCountsBinsAndOutliers() {
        Histogram h = Histogram.of(new double[] {-5, 0.1, 0.2, 0.6, 0.99, 1.0, 7}, 0, 1, 2);
        assertArrayEquals(new long[] {2, 2}, h.counts());
        assertEquals(1, h.below());
        assertEquals(2, h.above());
        assertArrayEquals(new double[] {0.25, 0.75}, h.centers(), 1e-15);
        assertEquals(7, h.total());
        assertEquals(2.0 / 7, h.fractions()[0], 1e-15);
    }
}
