package org.bnkit.nn;

/**
 * {@link DenseKernels} in plain Java, for any JVM (IJava, JJava, conda-forge ijava).
 *
 * <p>HotSpot's C2 compiler turns a loop into SIMD instructions only when every array in it is
 * indexed by the loop variable alone, so B is first copied into separate row arrays and each row
 * of C is accumulated in a scratch row: {@code acc[j] = fma(a, row[j], acc[j])} then runs as SIMD
 * fused multiply-adds. (Reading {@code b[offset + j]} in place measured two to three times slower
 * on the CI machine.) Several terms of the chain are applied per pass over the row, nested
 * innermost-first so that the order stays the defined one, which saves loads and stores of
 * {@code acc[j]}: in the dense products four rows of C with three terms each, so that every value
 * of B loaded serves four rows (C2 vectorizes this loop; with four terms or five rows it is too
 * large and stays scalar); in the sparse product, where every row has its own non-zero columns,
 * one row with four terms.
 *
 * <p>One instance per layer: it owns its scratch arrays.
 */
final class ScalarDenseKernels implements DenseKernels {
    /** Chunk of the exp loops: their two scratch arrays stay in the L1 cache. */
    private static final int CHUNK = 512;

    /** Four scratch rows of C. */
    private final double[][] acc = {new double[0], new double[0], new double[0], new double[0]};
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

    /**
     * C += A B with A[r][q] = {@code a[r * ars + q * acs]} (A or its transpose, read in place), B as
     * rows. Rows of C four at a time, three terms per pass ({@link #fourRowsThreeTerms}); the rows
     * left over one at a time, four terms per pass.
     */
    private void product(double[] a, int ars, int acs, int n, int k, double[][] bRows, int m, double[] c) {
        final double[] t0 = scratch(m, 0), t1 = scratch(m, 1), t2 = scratch(m, 2), t3 = scratch(m, 3);
        int r = 0;
        for (; r + 3 < n; r += 4) {
            System.arraycopy(c, r * m, t0, 0, m);
            System.arraycopy(c, (r + 1) * m, t1, 0, m);
            System.arraycopy(c, (r + 2) * m, t2, 0, m);
            System.arraycopy(c, (r + 3) * m, t3, 0, m);
            final int a0 = r * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
            int q = 0;
            for (; q + 2 < k; q += 3) {
                final int q0 = q * acs, q1 = q0 + acs, q2 = q1 + acs;
                fourRowsThreeTerms(t0, t1, t2, t3, m,
                        a[a0 + q0], a[a0 + q1], a[a0 + q2], a[a1 + q0], a[a1 + q1], a[a1 + q2],
                        a[a2 + q0], a[a2 + q1], a[a2 + q2], a[a3 + q0], a[a3 + q1], a[a3 + q2],
                        bRows[q], bRows[q + 1], bRows[q + 2]);
            }
            for (; q < k; q++) {
                final int q0 = q * acs;
                fourRowsOneTerm(t0, t1, t2, t3, m, a[a0 + q0], a[a1 + q0], a[a2 + q0], a[a3 + q0], bRows[q]);
            }
            System.arraycopy(t0, 0, c, r * m, m);
            System.arraycopy(t1, 0, c, (r + 1) * m, m);
            System.arraycopy(t2, 0, c, (r + 2) * m, m);
            System.arraycopy(t3, 0, c, (r + 3) * m, m);
        }
        for (; r < n; r++) {
            final int ar = r * ars;
            System.arraycopy(c, r * m, t0, 0, m);
            int q = 0;
            for (; q + 3 < k; q += 4) {
                fourTerms(t0, m, a[ar + q * acs], a[ar + (q + 1) * acs], a[ar + (q + 2) * acs], a[ar + (q + 3) * acs],
                        bRows[q], bRows[q + 1], bRows[q + 2], bRows[q + 3]);
            }
            for (; q < k; q++) {
                oneTerm(t0, m, a[ar + q * acs], bRows[q]);
            }
            System.arraycopy(t0, 0, c, r * m, m);
        }
    }

    /**
     * Three terms of the chains of four rows: {@code ti[j] = fma(ai2, b2[j], fma(ai1, b1[j],
     * fma(ai0, b0[j], ti[j])))} for i = 0..3. Each value of B is loaded once for twelve
     * multiply-adds; measured on the CI machine, 1.75 times the rate of one row with four terms.
     * (Four terms, or five rows, make the loop too large for C2 to vectorize it.)
     */
    private static void fourRowsThreeTerms(double[] t0, double[] t1, double[] t2, double[] t3, int m,
                                           double a00, double a01, double a02, double a10, double a11, double a12,
                                           double a20, double a21, double a22, double a30, double a31, double a32,
                                           double[] b0, double[] b1, double[] b2) {
        for (int j = 0; j < m; j++) {
            final double v0 = b0[j], v1 = b1[j], v2 = b2[j];
            t0[j] = Math.fma(a02, v2, Math.fma(a01, v1, Math.fma(a00, v0, t0[j])));
            t1[j] = Math.fma(a12, v2, Math.fma(a11, v1, Math.fma(a10, v0, t1[j])));
            t2[j] = Math.fma(a22, v2, Math.fma(a21, v1, Math.fma(a20, v0, t2[j])));
            t3[j] = Math.fma(a32, v2, Math.fma(a31, v1, Math.fma(a30, v0, t3[j])));
        }
    }

    private static void fourRowsOneTerm(double[] t0, double[] t1, double[] t2, double[] t3, int m,
                                        double a0, double a1, double a2, double a3, double[] b0) {
        for (int j = 0; j < m; j++) {
            final double v0 = b0[j];
            t0[j] = Math.fma(a0, v0, t0[j]);
            t1[j] = Math.fma(a1, v0, t1[j]);
            t2[j] = Math.fma(a2, v0, t2[j]);
            t3[j] = Math.fma(a3, v0, t3[j]);
        }
    }

    @Override
    public void columnSums(double[] a, int n, int m, double[] s) {
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < m; j++) {
                s[j] += a[r * m + j];
            }
        }
    }

    @Override
    public void sparseMultiplyAdd(int[] start, int[] end, int[] index, double[] value, int n, double[] b, int m, double[] c) {
        final double[][] bRows = rowsOf(b, b.length / m, m);
        final double[] t = scratch(m, 0);
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
            // the last one to three terms in one pass
            if (to - p == 3) {
                threeTerms(t, m, value[p], value[p + 1], value[p + 2], bRows[index[p]], bRows[index[p + 1]], bRows[index[p + 2]]);
            } else if (to - p == 2) {
                twoTerms(t, m, value[p], value[p + 1], bRows[index[p]], bRows[index[p + 1]]);
            } else if (to - p == 1) {
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

    private static void threeTerms(double[] t, int m, double a0, double a1, double a2, double[] b0, double[] b1, double[] b2) {
        for (int j = 0; j < m; j++) {
            t[j] = Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], t[j])));
        }
    }

    private static void twoTerms(double[] t, int m, double a0, double a1, double[] b0, double[] b1) {
        for (int j = 0; j < m; j++) {
            t[j] = Math.fma(a1, b1[j], Math.fma(a0, b0[j], t[j]));
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
     * {@code w[i] * 0}, which is 0 for a finite entry and NaN otherwise, so no sum can overflow;
     * in eight partial sums, so that the additions (scalar: C2 keeps a floating-point sum in
     * order) do not wait for each other.
     */
    static boolean descend(double[] w, double[] g, int n, double lr) {
        for (int i = 0; i < n; i++) {
            w[i] -= lr * g[i];
        }
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 7 < n; i += 8) {
            s0 += w[i] * 0.0;
            s1 += w[i + 1] * 0.0;
            s2 += w[i + 2] * 0.0;
            s3 += w[i + 3] * 0.0;
            s4 += w[i + 4] * 0.0;
            s5 += w[i + 5] * 0.0;
            s6 += w[i + 6] * 0.0;
            s7 += w[i + 7] * 0.0;
        }
        for (; i < n; i++) {
            s0 += w[i] * 0.0;
        }
        return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 == 0.0;
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

    /** Scratch row {@code i} (0 to 3), of at least m values. */
    private double[] scratch(int m, int i) {
        if (acc[i].length < m) {
            acc[i] = new double[m];
        }
        return acc[i];
    }

    /** Always: a plain loop does one multiply-add at a time, so skipping zeros pays even for one column. */
    @Override
    public int sparseMinimumWidth() {
        return 1;
    }

    @Override
    public String description() {
        return "plain Java loops";
    }
}
