package org.bnkit.nn;

/**
 * The inner loop of every matrix product in the library, written so that the JIT compiler turns
 * it into SIMD instructions.
 *
 * <p>A product {@code C = A B} is computed row by row as a sum of scaled rows of B,
 * {@code C[r, :] = sum_i A[r, i] B[i, :]}, skipping the zero entries of A. HotSpot's C2 compiler
 * vectorizes {@code acc[j] += c * row[j]} when every array in the loop is indexed by the loop
 * variable alone, so B is held as separate row arrays and each row of C is accumulated in a
 * scratch row; four rows of B are combined per pass to save loads and stores of {@code acc}.
 * This is plain Java: no flags, no incubator modules.
 */
final class RowKernels {
    private RowKernels() {
    }

    /**
     * {@code acc[0..m) += sum_q coef[q] * rows[index[q]][0..m)}.
     *
     * @param coef  the coefficients, {@code count} of them. Not modified.
     * @param index which row each coefficient scales. Not modified.
     * @param rows  the rows, each of length at least m. Not modified.
     * @param acc   the accumulator, length at least m. Modified.
     */
    static void accumulateRows(double[] coef, int[] index, int count, double[][] rows, double[] acc, int m) {
        int q = 0;
        for (; q + 3 < count; q += 4) {
            final double c0 = coef[q], c1 = coef[q + 1], c2 = coef[q + 2], c3 = coef[q + 3];
            final double[] r0 = rows[index[q]], r1 = rows[index[q + 1]], r2 = rows[index[q + 2]], r3 = rows[index[q + 3]];
            for (int j = 0; j < m; j++) {
                acc[j] += c0 * r0[j] + c1 * r1[j] + c2 * r2[j] + c3 * r3[j];
            }
        }
        for (; q < count; q++) {
            final double c0 = coef[q];
            final double[] r0 = rows[index[q]];
            for (int j = 0; j < m; j++) {
                acc[j] += c0 * r0[j];
            }
        }
    }

    /**
     * The non-zero entries of {@code a[offset], a[offset + stride], ...} ({@code length} of
     * them): their values into {@code coef} and their positions into {@code index}.
     *
     * @return how many there are
     */
    static int nonZeros(double[] a, int offset, int stride, int length, double[] coef, int[] index) {
        // branch-free: every entry is written at position count, which advances only past a
        // non-zero (sparse inputs such as binarized images make the branch unpredictable)
        int count = 0;
        for (int i = 0; i < length; i++) {
            final double v = a[offset + i * stride];
            coef[count] = v;
            index[count] = i;
            count += v != 0.0 ? 1 : 0;
        }
        return count;
    }

    /** Copies a flat row-major (rows, cols) matrix into separate row arrays. */
    static void toRows(double[] flat, int rows, int cols, double[][] out) {
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
    }

    /** Copies the transpose of a flat row-major (rows, cols) matrix into cols row arrays of length rows. */
    static void toTransposedRows(double[] flat, int rows, int cols, double[][] out) {
        for (int i = 0; i < rows; i++) {
            final int off = i * cols;
            for (int j = 0; j < cols; j++) {
                out[j][i] = flat[off + j];
            }
        }
    }
}
