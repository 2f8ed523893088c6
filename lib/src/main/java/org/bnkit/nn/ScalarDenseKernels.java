package org.bnkit.nn;

/**
 * {@link DenseKernels} in plain Java, for any JVM (IJava, JJava, conda-forge ijava).
 *
 * <p>HotSpot's C2 compiler turns a loop into SIMD instructions only when every array in it is
 * indexed by the loop variable alone, so B is first copied into separate row arrays and each row
 * of C is accumulated in a scratch row: {@code acc[j] = fma(a, row[j], acc[j])} then runs as SIMD
 * fused multiply-adds. (Reading {@code b[offset + j]} in place measured two to three times slower
 * on the CI machine.) Four terms of the chain are applied per pass over the row, nested
 * innermost-first so that the order stays the defined one; this saves three loads and stores of
 * {@code acc[j]} per four terms.
 *
 * <p>One instance per layer: it owns its scratch arrays.
 */
final class ScalarDenseKernels implements DenseKernels {
    /** Chunk of the exp loops: their two scratch arrays stay in the L1 cache. */
    private static final int CHUNK = 512;

    private double[] acc = new double[0];
    private final double[] chunk = new double[CHUNK];
    private final double[] polynomial = new double[CHUNK];
    private final double[] shifted = new double[CHUNK];
    private double[][] rows = new double[0][];
    private int rowLength;

    @Override
    public void multiplyAdd(double[] a, int n, int k, double[] b, int m, double[] c) {
        product(a, k, 1, n, k, rowsOf(b, k, m), m, c);
    }

    @Override
    public void transposedMultiplyAdd(double[] a, int n, int k, double[] b, int m, double[] c) {
        product(a, 1, n, n, k, rowsOf(b, k, m), m, c);
    }

    @Override
    public void multiplyAddTransposed(double[] a, int n, int k, double[] b, int m, double[] c) {
        final double[][] bRows = reserveRows(k, m);
        for (int q = 0; q < k; q++) {
            final double[] row = bRows[q];
            for (int j = 0; j < m; j++) {
                row[j] = b[j * k + q];
            }
        }
        product(a, k, 1, n, k, bRows, m, c);
    }

    /** C += A B with A[r][q] = {@code a[r * ars + q * acs]} (A or its transpose, read in place), B as rows. */
    private void product(double[] a, int ars, int acs, int n, int k, double[][] bRows, int m, double[] c) {
        final double[] t = scratch(m);
        for (int r = 0; r < n; r++) {
            final int ar = r * ars;
            System.arraycopy(c, r * m, t, 0, m);
            int q = 0;
            for (; q + 3 < k; q += 4) {
                fourTerms(t, m, a[ar + q * acs], a[ar + (q + 1) * acs], a[ar + (q + 2) * acs], a[ar + (q + 3) * acs],
                        bRows[q], bRows[q + 1], bRows[q + 2], bRows[q + 3]);
            }
            for (; q < k; q++) {
                oneTerm(t, m, a[ar + q * acs], bRows[q]);
            }
            System.arraycopy(t, 0, c, r * m, m);
        }
    }

    @Override
    public void sparseMultiplyAdd(int[] start, int[] end, int[] index, double[] value, int n, double[] b, int m, double[] c) {
        final double[][] bRows = rowsOf(b, b.length / m, m);
        final double[] t = scratch(m);
        for (int r = 0; r < n; r++) {
            int p = start[r];
            final int to = end[r];
            if (p == to) {
                continue; // no terms: the row keeps its values (the border pixels of MNIST are zero in every image)
            }
            System.arraycopy(c, r * m, t, 0, m);
            for (; p + 3 < to; p += 4) {
                fourTerms(t, m, value[p], value[p + 1], value[p + 2], value[p + 3],
                        bRows[index[p]], bRows[index[p + 1]], bRows[index[p + 2]], bRows[index[p + 3]]);
            }
            for (; p < to; p++) {
                oneTerm(t, m, value[p], bRows[index[p]]);
            }
            System.arraycopy(t, 0, c, r * m, m);
        }
    }

    /** {@code t[j] = fma(a3, b3[j], fma(a2, b2[j], fma(a1, b1[j], fma(a0, b0[j], t[j]))))}. */
    private static void fourTerms(double[] t, int m, double a0, double a1, double a2, double a3,
                                  double[] b0, double[] b1, double[] b2, double[] b3) {
        for (int j = 0; j < m; j++) {
            t[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], t[j]))));
        }
    }

    private static void oneTerm(double[] t, int m, double a0, double[] b0) {
        for (int j = 0; j < m; j++) {
            t[j] = Math.fma(a0, b0[j], t[j]);
        }
    }

    /**
     * The first k rows of the flat (k, m) matrix b, copied into the scratch row arrays (grown to
     * the largest k and m seen, so that a layer's calls with different shapes allocate nothing
     * after the first step).
     */
    private double[][] rowsOf(double[] b, int k, int m) {
        final double[][] bRows = reserveRows(k, m);
        for (int q = 0; q < k; q++) {
            System.arraycopy(b, q * m, bRows[q], 0, m);
        }
        return bRows;
    }

    private double[][] reserveRows(int k, int m) {
        if (rows.length < k || rowLength < m) {
            rowLength = Math.max(m, rowLength);
            rows = new double[Math.max(k, rows.length)][rowLength];
        }
        return rows;
    }

    /**
     * C += A B entry by entry, with A[r][q] = {@code a[r * ars + q * acs]}, for products narrower
     * than a vector register.
     */
    static void productNarrow(double[] a, int ars, int acs, int n, int k, double[] b, int m, double[] c) {
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < m; j++) {
                double t = c[r * m + j];
                for (int q = 0; q < k; q++) {
                    t = Math.fma(a[r * ars + q * acs], b[q * m + j], t);
                }
                c[r * m + j] = t;
            }
        }
    }

    /** {@link #sparseMultiplyAdd} entry by entry, for products narrower than a vector register. */
    static void sparseMultiplyAddNarrow(int[] start, int[] end, int[] index, double[] value, int n, double[] b, int m, double[] c) {
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < m; j++) {
                double t = c[r * m + j];
                for (int p = start[r]; p < end[r]; p++) {
                    t = Math.fma(value[p], b[index[p] * m + j], t);
                }
                c[r * m + j] = t;
            }
        }
    }

    /**
     * {@code w[i] = w[i] - lr * g[i]} for i in [0, n); returns whether every new {@code w[i]} is
     * finite. Two loops: C2 vectorizes the update only without a reduction in it. The check sums
     * {@code w[i] * 0}, which is 0 for a finite entry and NaN otherwise, so no sum can overflow.
     */
    static boolean descend(double[] w, double[] g, int n, double lr) {
        for (int i = 0; i < n; i++) {
            w[i] -= lr * g[i];
        }
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += w[i] * 0.0;
            s1 += w[i + 1] * 0.0;
            s2 += w[i + 2] * 0.0;
            s3 += w[i + 3] * 0.0;
        }
        for (; i < n; i++) {
            s0 += w[i] * 0.0;
        }
        return s0 + s1 + s2 + s3 == 0.0;
    }

    @Override
    public void sigmoid(double[] x, double[] y, int length) {
        expOrSigmoid(x, y, length, true);
    }

    @Override
    public void exp(double[] x, double[] y, int length) {
        expOrSigmoid(x, y, length, false);
    }

    /**
     * {@code y = e^x} or {@code y = 1 / (1 + e^-x)}, {@link Exponential}'s steps in two loops over
     * chunks of the input copied into scratch arrays (indexed by the loop variable alone): the first (clamp, reduction, polynomial: only double arithmetic) is one
     * that C2 turns into SIMD instructions; the second puts in 2^k from its bits. Measured on the
     * CI machine, about twice as fast as {@code Math.exp} in a loop.
     */
    private void expOrSigmoid(double[] x, double[] y, int length, boolean sigmoid) {
        final double sign = sigmoid ? -1.0 : 1.0;
        final double[] v = chunk, p = polynomial, s = shifted;
        for (int from = 0; from < length; from += CHUNK) {
            final int count = Math.min(CHUNK, length - from);
            System.arraycopy(x, from, v, 0, count);
            for (int i = 0; i < count; i++) {
                final double z = Math.min(Math.max(sign * v[i], Exponential.MIN), Exponential.MAX);
                final double sh = Math.fma(z, Exponential.LOG2_E, Exponential.SHIFTER);
                final double negK = Exponential.SHIFTER - sh;
                final double r = Math.fma(negK, Exponential.LN2_LO, Math.fma(negK, Exponential.LN2_HI, z));
                double q = Math.fma(Exponential.TAYLOR_13, r, Exponential.TAYLOR_12);
                q = Math.fma(q, r, Exponential.TAYLOR_11);
                q = Math.fma(q, r, Exponential.TAYLOR_10);
                q = Math.fma(q, r, Exponential.TAYLOR_9);
                q = Math.fma(q, r, Exponential.TAYLOR_8);
                q = Math.fma(q, r, Exponential.TAYLOR_7);
                q = Math.fma(q, r, Exponential.TAYLOR_6);
                q = Math.fma(q, r, Exponential.TAYLOR_5);
                q = Math.fma(q, r, Exponential.TAYLOR_4);
                q = Math.fma(q, r, Exponential.TAYLOR_3);
                q = Math.fma(q, r, Exponential.TAYLOR_2);
                q = Math.fma(q, r, 1.0);
                p[i] = Math.fma(q, r, 1.0);
                s[i] = sh;
            }
            if (sigmoid) {
                for (int i = 0; i < count; i++) {
                    final long k = Double.doubleToRawLongBits(s[i]) - Exponential.SHIFTER_BITS;
                    final long half = k >> 1;
                    v[i] = 1.0 / (1.0 + p[i] * Double.longBitsToDouble((half + 1023) << 52) * Double.longBitsToDouble((k - half + 1023) << 52));
                }
            } else {
                for (int i = 0; i < count; i++) {
                    final long k = Double.doubleToRawLongBits(s[i]) - Exponential.SHIFTER_BITS;
                    final long half = k >> 1;
                    v[i] = p[i] * Double.longBitsToDouble((half + 1023) << 52) * Double.longBitsToDouble((k - half + 1023) << 52);
                }
            }
            System.arraycopy(v, 0, y, from, count);
        }
    }

    private double[] scratch(int m) {
        if (acc.length < m) {
            acc = new double[m];
        }
        return acc;
    }

    @Override
    public String description() {
        return "plain Java loops";
    }
}
