package org.bnkit.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseKernels} on the incubating Vector API, with the same arithmetic as
 * {@link ScalarDenseKernels} (every entry one chain of fused multiply-adds in the defined order),
 * blocked for registers.
 *
 * <p><b>Dense product.</b> C is computed in blocks of 12 rows, then 4, then 1, each in tiles
 * ({@link VectorTiles}) of 6 or 4 rows by 4 registers of columns (32 columns with AVX-512's 8
 * doubles): the partial rows stay in registers for the whole chain, and each step loads 4
 * registers of a row of B and one entry of A per row. The tile that ends at the last full
 * register takes the last register too (4 rows by 5 registers, for widths such as 100). Columns
 * left over are done 3 registers or one register at a time; rows left over one at a time. The
 * sparse product is {@link VectorSparseProduct}'s; the exponential and sigmoid are
 * {@link VectorExponential}'s.
 *
 * <p><b>The last columns.</b> When the width m is not a multiple of the register length L, the
 * last register covers columns [m - L, m), overlapping the register before it. Its starting values
 * are read before the register it overlaps is written: in the same tile, or saved beforehand when
 * it is computed apart; so its chains start from the entries' values before the call like every
 * other chain, and in the overlap it computes the same chains again and stores the same bits. Products narrower than a
 * register use scalar {@code Math.fma}. None of this changes a result: every entry sees its own chain, in order.
 *
 * <p>Each method keeps its vectors inside itself and the register shape in a constant, which is
 * what lets HotSpot's C2 compiler keep them in registers instead of objects.
 *
 * <p>Only instantiated when {@code jdk.incubator.vector} is in the boot layer; one instance per
 * layer (it owns a small scratch array).
 */
final class VectorDenseKernels implements DenseKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int SPARSE_MINIMUM_WIDTH = 8 * L;

    /** The starting values of the last register of up to 12 rows of C. */
    private final double[] saved = new double[12 * L];
    /** B, when given transposed. */
    private double[] bScratch = new double[0];
    private final VectorSparseProduct sparse = new VectorSparseProduct();

    @Override
    public void multiplyAdd(double[] a, int n, int k, double[] b, int m, double[] c) {
        product(a, k, 1, n, k, b, m, c);
    }

    @Override
    public void transposedMultiplyAdd(double[] a, int n, int k, double[] b, int m, double[] c) {
        product(a, 1, n, n, k, b, m, c);
    }

    @Override
    public void multiplyAddTransposed(double[] a, int n, int k, double[] b, int m, double[] c) {
        if (bScratch.length < k * m) {
            bScratch = new double[k * m];
        }
        transpose(b, m, k, bScratch);
        product(a, k, 1, n, k, bScratch, m, c);
    }

    /**
     * {@code t = b^T} for b: (m, k), t: (k, m), eight rows of b at a time, so that each step
     * writes eight adjacent entries of a row of t (one cache line) rather than one entry in each
     * of eight lines: for a 100 x 100 W, 2.3-2.7 against 3.0-3.1 us one row at a time.
     */
    private static void transpose(double[] b, int m, int k, double[] t) {
        int j = 0;
        for (; j + 8 <= m; j += 8) {
            for (int q = 0; q < k; q++) {
                final int o = q * m + j, i = j * k + q;
                t[o] = b[i];
                t[o + 1] = b[i + k];
                t[o + 2] = b[i + 2 * k];
                t[o + 3] = b[i + 3 * k];
                t[o + 4] = b[i + 4 * k];
                t[o + 5] = b[i + 5 * k];
                t[o + 6] = b[i + 6 * k];
                t[o + 7] = b[i + 7 * k];
            }
        }
        for (; j < m; j++) {
            for (int q = 0; q < k; q++) {
                t[q * m + j] = b[j * k + q];
            }
        }
    }

    /** C += A B with A[r][q] = {@code a[r * ars + q * acs]}: A itself or its transpose, read in place. */
    private void product(double[] a, int ars, int acs, int n, int k, double[] b, int m, double[] c) {
        if (m < L) {
            ScalarDenseKernels.productNarrow(a, ars, acs, n, k, b, m, c);
            return;
        }
        final int full = m - m % L, last = m - L;
        int r = 0;
        for (; r + 11 < n; r += 12) {
            rowBlock(a, ars, acs, k, b, m, c, r, 12, full, last);
        }
        for (; r + 3 < n; r += 4) {
            rowBlock(a, ars, acs, k, b, m, c, r, 4, full, last);
        }
        for (; r < n; r++) {
            if (full < m) {
                System.arraycopy(c, r * m + last, saved, 0, L);
            }
            for (int j = 0; j < full; j += L) {
                VectorTiles.oneRowOneRegister(a, ars, acs, k, b, m, c, r * m + j, c, r, j);
            }
            if (full < m) {
                VectorTiles.oneRowOneRegister(a, ars, acs, k, b, m, saved, 0, c, r, last);
            }
        }
    }

    /**
     * Rows [r, r + rows) of C, rows 12 or 4, across all columns: tiles of 4 registers (6 rows high
     * in a block of 12), the one ending at the last full register with the last register as a
     * fifth, then 3 registers and 1 (all rows of the block at once), and the last register from
     * its saved starting values if no tile took it.
     */
    private void rowBlock(double[] a, int ars, int acs, int k, double[] b, int m, double[] c, int r, int rows, int full, int last) {
        if (full < m) {
            for (int i = 0; i < rows; i++) {
                System.arraycopy(c, (r + i) * m + last, saved, i * L, L);
            }
        }
        int j = 0;
        boolean lastDone = full == m;
        for (; j + 4 * L <= full; j += 4 * L) {
            if (j + 4 * L == full && !lastDone) {
                for (int i = 0; i < rows; i += 4) {
                    VectorTiles.fourRowsFiveRegisters(a, ars, acs, k, b, m, c, r + i, j, last);
                }
                lastDone = true;
            } else if (rows == 12) {
                VectorTiles.sixRowsFourRegisters(a, ars, acs, k, b, m, c, r, j);
                VectorTiles.sixRowsFourRegisters(a, ars, acs, k, b, m, c, r + 6, j);
            } else {
                VectorTiles.fourRowsFourRegisters(a, ars, acs, k, b, m, c, r, j);
            }
        }
        for (; j + 3 * L <= full; j += 3 * L) {
            for (int i = 0; i < rows; i += 4) {
                VectorTiles.fourRowsThreeRegisters(a, ars, acs, k, b, m, c, r + i, j);
            }
        }
        for (; j < full; j += L) {
            if (rows == 12) {
                VectorTiles.twelveRowsOneRegister(a, ars, acs, k, b, m, c, r * m + j, m, c, r, j);
            } else {
                VectorTiles.fourRowsOneRegister(a, ars, acs, k, b, m, c, r * m + j, m, c, r, j);
            }
        }
        if (!lastDone) {
            if (rows == 12) {
                VectorTiles.twelveRowsOneRegister(a, ars, acs, k, b, m, saved, 0, L, c, r, last);
            } else {
                VectorTiles.fourRowsOneRegister(a, ars, acs, k, b, m, saved, 0, L, c, r, last);
            }
        }
    }

    @Override
    public void sparseMultiplyAdd(int[] start, int[] end, int[] index, double[] value, int n, double[] b, int m, double[] c) {
        sparse.multiplyAdd(start, end, index, value, n, b, m, c);
    }

    /**
     * One register of columns at a time, its sums kept in the register over all n rows, then the
     * columns left over one at a time: the same chains as {@link ScalarDenseKernels#columnSums}
     * (each column's sum over r in increasing order). For dY: (60, 100), 0.34 against 1.85 us
     * with the plain loop.
     */
    @Override
    public void columnSums(double[] a, int n, int m, double[] s) {
        int j = 0;
        for (; j + L <= m; j += L) {
            DoubleVector t = DoubleVector.fromArray(S, s, j);
            for (int r = 0; r < n; r++) {
                t = t.add(DoubleVector.fromArray(S, a, r * m + j));
            }
            t.intoArray(s, j);
        }
        for (; j < m; j++) {
            double t = s[j];
            for (int r = 0; r < n; r++) {
                t += a[r * m + j];
            }
            s[j] = t;
        }
    }

    /**
     * {@link ScalarDenseKernels#descend} in one pass: the same update ({@code w - lr g}, two
     * roundings) and the check summed in registers (measured 18 against 33 us for the
     * 784 x 100 weights).
     */
    static boolean descend(double[] w, double[] g, int n, double lr) {
        DoubleVector check0 = DoubleVector.zero(S), check1 = check0;
        int i = 0;
        for (; i + 2 * L <= n; i += 2 * L) {
            final DoubleVector w0 = DoubleVector.fromArray(S, w, i).sub(DoubleVector.fromArray(S, g, i).mul(lr));
            final DoubleVector w1 = DoubleVector.fromArray(S, w, i + L).sub(DoubleVector.fromArray(S, g, i + L).mul(lr));
            w0.intoArray(w, i);
            w1.intoArray(w, i + L);
            check0 = check0.add(w0.mul(0.0));
            check1 = check1.add(w1.mul(0.0));
        }
        double check = check0.add(check1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            w[i] -= lr * g[i];
            check += w[i] * 0.0;
        }
        return check == 0.0;
    }

    @Override
    public void sigmoid(double[] x, double[] y, int length) {
        VectorExponential.expOrSigmoid(x, y, length, true);
    }

    @Override
    public void exp(double[] x, double[] y, int length) {
        VectorExponential.expOrSigmoid(x, y, length, false);
    }

    /**
     * Eight registers (64 columns with AVX-512). Measured on binarized MNIST batches of 60 (784
     * inputs, 87% zeros), forward pass and dW: with 8 to 32 columns the sparse form took 1.7 to 3
     * times as long as the dense tiles, with 64 about as long, with 80 to 128 columns 0.55 to 0.8
     * times as long (few columns give the sparse product few independent chains per row, see
     * {@link VectorSparseProduct}). The convnet's 8- and 16-filter products go dense: its step
     * took 11.4 to 13.2 ms instead of 20.2 to 20.9.
     */
    @Override
    public int sparseMinimumWidth() {
        return SPARSE_MINIMUM_WIDTH;
    }

    @Override
    public String description() {
        return "Vector API, " + L + " doubles per register";
    }
}
