package org.bnkit.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sparse product of {@link VectorDenseKernels}, {@link DenseKernels#sparseMultiplyAdd}: C += A B
 * with A given by its non-zero entries row by row (the first layer's input, binarized images).
 *
 * <p><b>Sparse product.</b> Rows of a sparse A have different non-zero columns, so C is computed
 * a row at a time, over that row's non-zeros, 12 registers of columns (96 columns) at a time (and
 * the last register with them when it is the only one left: 100 columns in one pass), then 4,
 * then 1: a chain waits about 4 cycles for its previous multiply-add, so a pass needs many
 * independent chains to go at the processor's rate (4 chains per pass measured 1.5 times slower
 * on the fc1 shape).
 *
 * <p>When the width m is not a multiple of the register length L, the last register covers
 * columns [m - L, m), overlapping the register before it; its starting values are read before
 * that register is written: in the same pass, or saved before the row's passes when it is done
 * apart, as in {@link VectorDenseKernels}; so every entry sees its own chain, in order.
 */
final class VectorSparseProduct {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** The starting values of the last register of a row of C. */
    private final double[] saved = new double[L];

    /** {@code C += A B} with A: (n, k) given by its non-zeros row by row; B: (k, m), C: (n, m). */
    void multiplyAdd(int[] start, int[] end, int[] index, double[] value, int n, double[] b, int m, double[] c) {
        if (m < L) {
            ScalarDenseKernels.sparseMultiplyAddNarrow(start, end, index, value, n, b, m, c);
            return;
        }
        final int full = m - m % L, last = m - L;
        // the last register goes with the twelve that end at the last full register, which read
        // its starting values before they write (widths such as 100); otherwise it is done apart,
        // from starting values saved before the row's other passes
        final boolean lastWithTwelve = full < m && full % (12 * L) == 0;
        for (int r = 0; r < n; r++) {
            final int from = start[r], to = end[r], cr = r * m;
            if (from == to) {
                continue; // no terms: the row keeps its values (the border pixels of MNIST are zero in every image)
            }
            if (full < m && !lastWithTwelve) {
                System.arraycopy(c, cr + last, saved, 0, L);
            }
            int j = 0;
            boolean lastDone = full == m;
            for (; j + 12 * L <= full; j += 12 * L) {
                if (j + 12 * L == full && lastWithTwelve) {
                    sparseTwelveRegistersAndLast(from, to, index, value, b, m, c, cr, j, last);
                    lastDone = true;
                } else {
                    sparseTwelveRegisters(from, to, index, value, b, m, c, cr + j, j);
                }
            }
            for (; j + 4 * L <= full; j += 4 * L) {
                sparseFourRegisters(from, to, index, value, b, m, c, cr + j, j);
            }
            for (; j < full; j += L) {
                sparseOneRegister(from, to, index, value, b, m, c, cr + j, c, cr + j, j);
            }
            if (!lastDone) {
                sparseOneRegister(from, to, index, value, b, m, saved, 0, c, cr + last, last);
            }
        }
    }

    /**
     * Columns [j, j + 12L) of one row of C at offset o, over that row's non-zeros [from, to): twelve
     * independent chains per step, enough to keep both fused multiply-add units busy while each
     * chain waits for its previous result.
     */
    private static void sparseTwelveRegisters(int from, int to, int[] index, double[] value, double[] b, int m, double[] c, int o, int j) {
        DoubleVector t0 = DoubleVector.fromArray(S, c, o), t1 = DoubleVector.fromArray(S, c, o + L);
        DoubleVector t2 = DoubleVector.fromArray(S, c, o + 2 * L), t3 = DoubleVector.fromArray(S, c, o + 3 * L);
        DoubleVector t4 = DoubleVector.fromArray(S, c, o + 4 * L), t5 = DoubleVector.fromArray(S, c, o + 5 * L);
        DoubleVector t6 = DoubleVector.fromArray(S, c, o + 6 * L), t7 = DoubleVector.fromArray(S, c, o + 7 * L);
        DoubleVector t8 = DoubleVector.fromArray(S, c, o + 8 * L), t9 = DoubleVector.fromArray(S, c, o + 9 * L);
        DoubleVector t10 = DoubleVector.fromArray(S, c, o + 10 * L), t11 = DoubleVector.fromArray(S, c, o + 11 * L);
        for (int p = from; p < to; p++) {
            final int bq = index[p] * m + j;
            final DoubleVector x = DoubleVector.broadcast(S, value[p]);
            t0 = x.fma(DoubleVector.fromArray(S, b, bq), t0);
            t1 = x.fma(DoubleVector.fromArray(S, b, bq + L), t1);
            t2 = x.fma(DoubleVector.fromArray(S, b, bq + 2 * L), t2);
            t3 = x.fma(DoubleVector.fromArray(S, b, bq + 3 * L), t3);
            t4 = x.fma(DoubleVector.fromArray(S, b, bq + 4 * L), t4);
            t5 = x.fma(DoubleVector.fromArray(S, b, bq + 5 * L), t5);
            t6 = x.fma(DoubleVector.fromArray(S, b, bq + 6 * L), t6);
            t7 = x.fma(DoubleVector.fromArray(S, b, bq + 7 * L), t7);
            t8 = x.fma(DoubleVector.fromArray(S, b, bq + 8 * L), t8);
            t9 = x.fma(DoubleVector.fromArray(S, b, bq + 9 * L), t9);
            t10 = x.fma(DoubleVector.fromArray(S, b, bq + 10 * L), t10);
            t11 = x.fma(DoubleVector.fromArray(S, b, bq + 11 * L), t11);
        }
        t0.intoArray(c, o);
        t1.intoArray(c, o + L);
        t2.intoArray(c, o + 2 * L);
        t3.intoArray(c, o + 3 * L);
        t4.intoArray(c, o + 4 * L);
        t5.intoArray(c, o + 5 * L);
        t6.intoArray(c, o + 6 * L);
        t7.intoArray(c, o + 7 * L);
        t8.intoArray(c, o + 8 * L);
        t9.intoArray(c, o + 9 * L);
        t10.intoArray(c, o + 10 * L);
        t11.intoArray(c, o + 11 * L);
    }

    /**
     * Columns [j, j + 12L) of row r of C (at offset cr), and the last register (at column
     * {@code last}, overlapping the twelfth) as a thirteenth chain, over that row's non-zeros
     * [from, to): all thirteen start from C's values, read before any is written, so the overlap
     * computes the same chains twice and stores the same bits. A method of its own, not a flag of
     * {@link #sparseTwelveRegisters}: C2 compiled a flagged method for both cases once it had seen
     * both, and the first layer's forward pass then took twice as long.
     */
    private static void sparseTwelveRegistersAndLast(int from, int to, int[] index, double[] value, double[] b, int m, double[] c,
                                                      int cr, int j, int last) {
        final int o = cr + j;
        DoubleVector t0 = DoubleVector.fromArray(S, c, o), t1 = DoubleVector.fromArray(S, c, o + L);
        DoubleVector t2 = DoubleVector.fromArray(S, c, o + 2 * L), t3 = DoubleVector.fromArray(S, c, o + 3 * L);
        DoubleVector t4 = DoubleVector.fromArray(S, c, o + 4 * L), t5 = DoubleVector.fromArray(S, c, o + 5 * L);
        DoubleVector t6 = DoubleVector.fromArray(S, c, o + 6 * L), t7 = DoubleVector.fromArray(S, c, o + 7 * L);
        DoubleVector t8 = DoubleVector.fromArray(S, c, o + 8 * L), t9 = DoubleVector.fromArray(S, c, o + 9 * L);
        DoubleVector t10 = DoubleVector.fromArray(S, c, o + 10 * L), t11 = DoubleVector.fromArray(S, c, o + 11 * L);
        DoubleVector t12 = DoubleVector.fromArray(S, c, cr + last);
        for (int p = from; p < to; p++) {
            final int row = index[p] * m, bq = row + j;
            final DoubleVector x = DoubleVector.broadcast(S, value[p]);
            t0 = x.fma(DoubleVector.fromArray(S, b, bq), t0);
            t1 = x.fma(DoubleVector.fromArray(S, b, bq + L), t1);
            t2 = x.fma(DoubleVector.fromArray(S, b, bq + 2 * L), t2);
            t3 = x.fma(DoubleVector.fromArray(S, b, bq + 3 * L), t3);
            t4 = x.fma(DoubleVector.fromArray(S, b, bq + 4 * L), t4);
            t5 = x.fma(DoubleVector.fromArray(S, b, bq + 5 * L), t5);
            t6 = x.fma(DoubleVector.fromArray(S, b, bq + 6 * L), t6);
            t7 = x.fma(DoubleVector.fromArray(S, b, bq + 7 * L), t7);
            t8 = x.fma(DoubleVector.fromArray(S, b, bq + 8 * L), t8);
            t9 = x.fma(DoubleVector.fromArray(S, b, bq + 9 * L), t9);
            t10 = x.fma(DoubleVector.fromArray(S, b, bq + 10 * L), t10);
            t11 = x.fma(DoubleVector.fromArray(S, b, bq + 11 * L), t11);
            t12 = x.fma(DoubleVector.fromArray(S, b, row + last), t12);
        }
        t0.intoArray(c, o);
        t1.intoArray(c, o + L);
        t2.intoArray(c, o + 2 * L);
        t3.intoArray(c, o + 3 * L);
        t4.intoArray(c, o + 4 * L);
        t5.intoArray(c, o + 5 * L);
        t6.intoArray(c, o + 6 * L);
        t7.intoArray(c, o + 7 * L);
        t8.intoArray(c, o + 8 * L);
        t9.intoArray(c, o + 9 * L);
        t10.intoArray(c, o + 10 * L);
        t11.intoArray(c, o + 11 * L);
        t12.intoArray(c, cr + last);
    }

    /** Columns [j, j + 4L) of one row of C at offset o, over that row's non-zeros [from, to). */
    private static void sparseFourRegisters(int from, int to, int[] index, double[] value, double[] b, int m, double[] c, int o, int j) {
        DoubleVector t0 = DoubleVector.fromArray(S, c, o), t1 = DoubleVector.fromArray(S, c, o + L);
        DoubleVector t2 = DoubleVector.fromArray(S, c, o + 2 * L), t3 = DoubleVector.fromArray(S, c, o + 3 * L);
        for (int p = from; p < to; p++) {
            final int bq = index[p] * m + j;
            final DoubleVector x = DoubleVector.broadcast(S, value[p]);
            t0 = x.fma(DoubleVector.fromArray(S, b, bq), t0);
            t1 = x.fma(DoubleVector.fromArray(S, b, bq + L), t1);
            t2 = x.fma(DoubleVector.fromArray(S, b, bq + 2 * L), t2);
            t3 = x.fma(DoubleVector.fromArray(S, b, bq + 3 * L), t3);
        }
        t0.intoArray(c, o);
        t1.intoArray(c, o + L);
        t2.intoArray(c, o + 2 * L);
        t3.intoArray(c, o + 3 * L);
    }

    /** Columns [j, j + L) of one row of C at offset o, the chains starting from {@code start} at {@code f}. */
    private static void sparseOneRegister(int from, int to, int[] index, double[] value, double[] b, int m,
                                          double[] start, int f, double[] c, int o, int j) {
        DoubleVector t = DoubleVector.fromArray(S, start, f);
        for (int p = from; p < to; p++) {
            t = DoubleVector.broadcast(S, value[p]).fma(DoubleVector.fromArray(S, b, index[p] * m + j), t);
        }
        t.intoArray(c, o);
    }
}
