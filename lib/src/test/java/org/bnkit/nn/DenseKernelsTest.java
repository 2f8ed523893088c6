package org.bnkit.nn;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loops of {@link DenseKernels}: each equals its defining chain of fused multiply-adds (or
 * {@link Exponential}'s steps) element by element, in both implementations, at shapes around the
 * register width (8 doubles with AVX-512, 4 with AVX2); so both give the same bits. And
 * {@link Exponential#exp} is within one unit in the last place of {@code Math.exp}.
 */
class DenseKernelsTest {
    /** Sizes around the register length and its multiples, and the kit's own. */
    private static final int[] SIZES = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 100};
    private static final int[] ROWS = {0, 1, 2, 3, 4, 5, 7, 9, 11, 12, 13, 16, 24, 29, 60};

    private static List<DenseKernels> implementations() {
        return List.of(new ScalarDenseKernels(), new VectorDenseKernels());
    }

    /** Gaussian entries, a fraction {@code zeros} of them exactly zero. */
    private static double[] random(Random rng, int length, double zeros) {
        double[] a = new double[length];
        for (int i = 0; i < length; i++) {
            a[i] = rng.nextDouble() < zeros ? 0.0 : rng.nextGaussian();
        }
        return a;
    }

    /** The defining chain: c[r][j] = fma(a[r][k-1], b[k-1][j], ... fma(a[r][0], b[0][j], c[r][j])). */
    private static double[] reference(double[] a, int n, int k, double[] b, int m, double[] c, boolean skipZeros) {
        double[] out = c.clone();
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < m; j++) {
                double t = out[r * m + j];
                for (int q = 0; q < k; q++) {
                    if (!skipZeros || a[r * k + q] != 0.0) {
                        t = Math.fma(a[r * k + q], b[q * m + j], t);
                    }
                }
                out[r * m + j] = t;
            }
        }
        return out;
    }

    @Test
    void theDenseProductIsTheDefinedChainInBothImplementations() {
        Random rng = new Random(21);
        int checked = 0;
        for (int n : ROWS) {
            for (int k : new int[] {0, 1, 3, 4, 5, 17, 100}) {
                for (int m : SIZES) {
                    double[] a = random(rng, n * k, 0.1), b = random(rng, k * m, 0.0), c = random(rng, n * m, 0.0);
                    double[] expected = reference(a, n, k, b, m, c, false);
                    for (DenseKernels kernels : implementations()) {
                        double[] got = c.clone();
                        kernels.multiplyAdd(a, n, k, b, m, got);
                        assertArrayEquals(expected, got, 0.0, kernels.description() + ", n=" + n + ", k=" + k + ", m=" + m);
                        checked++;
                    }
                }
            }
        }
        assertEquals(2 * ROWS.length * 7 * SIZES.length, checked);
    }

    /** The transpose of the flat (rows, cols) matrix a. */
    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    @Test
    void productsWithATransposedFactorAreTheSameChains() {
        Random rng = new Random(26);
        for (int n : ROWS) {
            for (int k : new int[] {0, 1, 5, 60}) {
                for (int m : SIZES) {
                    double[] a = random(rng, n * k, 0.1), b = random(rng, k * m, 0.0), c = random(rng, n * m, 0.0);
                    double[] expected = reference(a, n, k, b, m, c, false);
                    double[] aT = transpose(a, n, k), bT = transpose(b, k, m);
                    for (DenseKernels kernels : implementations()) {
                        double[] got = c.clone();
                        kernels.transposedMultiplyAdd(aT, n, k, b, m, got);
                        assertArrayEquals(expected, got, 0.0, "A^T given, " + kernels.description() + ", n=" + n + ", k=" + k + ", m=" + m);
                        got = c.clone();
                        kernels.multiplyAddTransposed(a, n, k, bT, m, got);
                        assertArrayEquals(expected, got, 0.0, "B^T given, " + kernels.description() + ", n=" + n + ", k=" + k + ", m=" + m);
                    }
                }
            }
        }
    }

    @Test
    void theSparseProductIsTheChainOverTheNonZerosInBothImplementations() {
        Random rng = new Random(22);
        for (int n : ROWS) {
            for (int k : new int[] {1, 7, 33, 784}) {
                for (int m : SIZES) {
                    for (double zeros : new double[] {0.0, 0.81, 1.0}) {
                        double[] a = random(rng, n * k, zeros), b = random(rng, k * m, 0.0), c = random(rng, n * m, 0.0);
                        if (n > 2) {
                            Arrays.fill(a, k, 2 * k, 0.0); // a row with no non-zero at all
                        }
                        SparseInput s = new SparseInput();
                        s.rowsOf(a, n, k);
                        double[] expected = reference(a, n, k, b, m, c, true);
                        for (DenseKernels kernels : implementations()) {
                            double[] got = c.clone();
                            kernels.sparseMultiplyAdd(s.rowStart, s.rowEnd, s.rowIndex, s.rowValue, n, b, m, got);
                            assertArrayEquals(expected, got, 0.0, kernels.description() + ", n=" + n + ", k=" + k + ", m=" + m
                                    + ", zeros=" + zeros);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theColumnsOfASparseInputAreItsTranspose() {
        Random rng = new Random(23);
        for (int n : ROWS) {
            for (int d : new int[] {1, 5, 33, 784}) {
                double[] x = random(rng, n * d, 0.81);
                SparseInput s = new SparseInput();
                s.rowsOf(x, n, d);
                s.columnsFromRows(n, d);
                double[] fromColumns = new double[n * d];
                for (int i = 0; i < d; i++) {
                    int previous = -1;
                    for (int p = s.columnStart[i]; p < s.columnEnd[i]; p++) {
                        assertTrue(s.columnIndex[p] > previous, "rows increase within a column");
                        previous = s.columnIndex[p];
                        fromColumns[s.columnIndex[p] * d + i] = s.columnValue[p];
                    }
                }
                assertArrayEquals(x, fromColumns, 0.0, "n=" + n + ", d=" + d);
                int nonZeros = 0;
                for (double v : x) {
                    nonZeros += v != 0.0 ? 1 : 0;
                }
                assertEquals(nonZeros, n == 0 ? 0 : s.rowEnd[n - 1], "n=" + n + ", d=" + d);
            }
        }
    }

    @Test
    void columnSumsAreChainsOverTheRowsInOrder() {
        Random rng = new Random(27);
        int checked = 0;
        for (int n : ROWS) {
            for (int m : SIZES) {
                double[] a = random(rng, n * m, 0.0), s = random(rng, m, 0.0);
                double[] expected = s.clone();
                for (int j = 0; j < m; j++) {
                    for (int r = 0; r < n; r++) {
                        expected[j] += a[r * m + j];
                    }
                }
                for (DenseKernels kernels : implementations()) {
                    double[] got = s.clone();
                    kernels.columnSums(a, n, m, got);
                    assertArrayEquals(expected, got, 0.0, kernels.description() + ", n=" + n + ", m=" + m);
                    checked++;
                }
            }
        }
        assertEquals(ROWS.length * SIZES.length * implementations().size(), checked);
    }

    /** Values where exp is interesting: around 0, the reduction's half-steps, the ends of the range. */
    private static double[] expArguments() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.5 * Math.log(2), -0.5 * Math.log(2), 1e-300, -1e-300,
                700.0, 709.0, 709.78, 709.7827128933840, 709.79, 710.0, 711.0, -700.0, -708.0, -708.4, -708.5, -720.0,
                -744.0, -745.1, -745.2, -746.0, -800.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN));
        Random rng = new Random(24);
        for (int i = 0; i < 20000; i++) {
            values.add(rng.nextGaussian() * 5);
            values.add((rng.nextDouble() * 2 - 1) * 708);
        }
        for (int k = -1074; k <= 1023; k++) {
            values.add(k * Math.log(2));
            values.add((k + 0.5) * Math.log(2));
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void expIsWithinOneUnitInTheLastPlaceOfMathExp() {
        double worst = 0;
        for (double x : expArguments()) {
            double ours = Exponential.exp(x), theirs = Math.exp(x);
            if (Double.isNaN(theirs) || Double.isInfinite(theirs) || theirs == 0.0) {
                assertEquals(theirs, ours, 0.0, "exp(" + x + ")");
                continue;
            }
            double ulps = Math.abs(ours - theirs) / Math.ulp(theirs);
            if (theirs >= Double.MIN_NORMAL) {
                assertTrue(ulps <= 1.0, "exp(" + x + ") = " + ours + ", Math.exp gives " + theirs + " (" + ulps + " ulp)");
                worst = Math.max(worst, ulps);
            } else {
                // subnormal results have fewer bits; the two-step scaling may round twice
                assertTrue(ulps <= 2.0, "exp(" + x + ") = " + ours + ", Math.exp gives " + theirs + " (" + ulps + " ulp)");
            }
        }
        assertTrue(worst > 0, "the comparison compared something");
    }

    @Test
    void expAndSigmoidGiveTheSameBitsInBothImplementations() {
        double[] x = expArguments();
        for (int length : new int[] {0, 1, 7, 8, 9, 17, 33, 511, 512, 513, x.length}) {
            double[] e = new double[length], g = new double[length];
            for (int i = 0; i < length; i++) {
                e[i] = Exponential.exp(x[i]);
                g[i] = 1.0 / (1.0 + Exponential.exp(-x[i]));
            }
            for (DenseKernels kernels : implementations()) {
                double[] y = new double[length];
                kernels.exp(x, y, length);
                assertArrayEquals(e, y, 0.0, "exp, " + kernels.description() + ", length " + length);
                kernels.sigmoid(x, y, length);
                assertArrayEquals(g, y, 0.0, "sigmoid, " + kernels.description() + ", length " + length);
            }
        }
    }

    @Test
    void sigmoidStaysWithinOneUnitInTheLastPlaceOfTheFormulaOnMathExp() {
        for (double x : expArguments()) {
            if (Double.isNaN(x)) {
                continue;
            }
            double ours = 1.0 / (1.0 + Exponential.exp(-x)), theirs = 1.0 / (1.0 + Math.exp(-x));
            assertTrue(Math.abs(ours - theirs) <= 2 * Math.ulp(theirs), "sigmoid(" + x + ") = " + ours + " against " + theirs);
        }
    }

    @Test
    void gradientDescentGivesTheSameBitsInBothLoopsAndFindsEveryNonFiniteEntry() {
        Random rng = new Random(25);
        for (int n : SIZES) {
            double[] w = random(rng, n, 0.0), g = random(rng, n, 0.1);
            double[] expected = new double[n];
            for (int i = 0; i < n; i++) {
                expected[i] = w[i] - 0.5 * g[i];
            }
            double[] plain = w.clone(), vector = w.clone();
            assertTrue(ScalarDenseKernels.descend(plain, g, n, 0.5));
            assertTrue(VectorDenseKernels.descend(vector, g, n, 0.5));
            assertArrayEquals(expected, plain, 0.0, "plain, n=" + n);
            assertArrayEquals(expected, vector, 0.0, "vector, n=" + n);
            for (int bad = 0; bad < n; bad++) {
                for (double poison : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                    double[] gg = g.clone();
                    gg[bad] = poison;
                    assertTrue(!ScalarDenseKernels.descend(w.clone(), gg, n, 0.5), "plain misses " + poison + " at " + bad + " of " + n);
                    assertTrue(!VectorDenseKernels.descend(w.clone(), gg, n, 0.5), "vector misses " + poison + " at " + bad + " of " + n);
                }
            }
            double[] huge = new double[n];
            Arrays.fill(huge, Double.MAX_VALUE);
            assertTrue(ScalarDenseKernels.descend(huge.clone(), new double[n], n, 0.5), "large finite values are finite (no sum overflows)");
            assertTrue(VectorDenseKernels.descend(huge, new double[n], n, 0.5), "large finite values are finite (no sum overflows)");
        }
    }
}
