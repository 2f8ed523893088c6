package org.bnkit.nn;

/**
 * The loops behind {@link Linear} and {@link Sigmoid}: the matrix product, in a dense and a sparse
 * form, and the logistic sigmoid. Matrices are flat row-major arrays.
 *
 * <p><b>The arithmetic, fixed.</b> Every entry of a product is one chain of fused multiply-adds
 * over the inner index in increasing order, starting from the entry's value before the call:
 * <pre>
 *   c[r][j] = fma(a[r][k-1], b[k-1][j], ... fma(a[r][1], b[1][j], fma(a[r][0], b[0][j], c[r][j])) ...)
 * </pre>
 * The sparse form leaves out the terms whose {@code a[r][q]} is zero (exactly, since
 * {@code fma(0, b, c) = c} for finite b). The sigmoid is {@code 1 / (1 + e^-x)} with
 * {@link Exponential}'s e^x. Both implementations, {@link ScalarDenseKernels} (plain Java, any JVM)
 * and {@link VectorDenseKernels} (the incubating Vector API), do exactly these operations, however
 * they block and unroll their loops, so they give the same bits: a notebook draws the same figure
 * on IJava's plain JVM as on the kit's kernel.
 */
interface DenseKernels {

    /** {@code C += A B} with A: (n, k), B: (k, m), C: (n, m). */
    void multiplyAdd(double[] a, int n, int k, double[] b, int m, double[] c);

    /** {@code C += A B} with A given as its transpose: {@code a} holds A^T, (k, n). B: (k, m), C: (n, m). */
    void transposedMultiplyAdd(double[] a, int n, int k, double[] b, int m, double[] c);

    /** {@code C += A B} with B given as its transpose: A: (n, k), {@code b} holds B^T, (m, k). C: (n, m). */
    void multiplyAddTransposed(double[] a, int n, int k, double[] b, int m, double[] c);

    /**
     * {@code C += A B} with A: (n, k) given by its non-zero entries, row by row: row r holds
     * {@code value[p]} in column {@code index[p]} for p in {@code [start[r], end[r])}, columns
     * increasing. B: (k, m), C: (n, m).
     */
    void sparseMultiplyAdd(int[] start, int[] end, int[] index, double[] value, int n, double[] b, int m, double[] c);

    /**
     * {@code s[j] += sum_r a[r][j]} for a: (n, m): a bias's gradient, the sum of dY over the batch.
     * Each {@code s[j]} is one chain of additions over r in increasing order.
     */
    void columnSums(double[] a, int n, int m, double[] s);

    /**
     * The narrowest B (fewest columns m) for which the sparse form pays: finding A's non-zeros costs
     * about a nanosecond per entry of A, and each zero skipped saves m multiply-adds, so the
     * faster the dense product, the wider B must be.
     */
    int sparseMinimumWidth();

    /** {@code y[i] = e^x[i]} for i in [0, length), with {@link Exponential}'s steps. */
    void exp(double[] x, double[] y, int length);

    /** {@code y[i] = 1 / (1 + e^-x[i])} for i in [0, length). */
    void sigmoid(double[] x, double[] y, int length);

    /** Which implementation this is, for the setup line of the notebooks and the benchmark. */
    String description();
}
