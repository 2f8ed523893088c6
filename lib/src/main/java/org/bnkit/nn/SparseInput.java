package org.bnkit.nn;

/**
 * The non-zero entries of a layer's input x: (n, d), kept by {@link Linear} when x is mostly
 * zeros, in the two orders its products need.
 *
 * <ul>
 *   <li>Row by row, for {@code y = x W}: row r holds {@code rowValue[p]} in column
 *       {@code rowIndex[p]} for p in {@code [rowStart[r], rowEnd[r])}, columns increasing.
 *   <li>Column by column, that is row by row of x^T, for {@code dW = x^T dY}: column i holds
 *       {@code columnValue[p]} in row {@code columnIndex[p]} for p in
 *       {@code [columnStart[i], columnEnd[i])}, rows increasing. Column i has room for n entries
 *       from {@code columnStart[i] = i n}, so the columns are filled in one pass over the rows'
 *       entries, with no counting pass first.
 * </ul>
 * The arrays grow to the largest input seen and are then reused.
 */
final class SparseInput {
    int[] rowStart = new int[0];
    int[] rowEnd = new int[0];
    int[] rowIndex = new int[0];
    double[] rowValue = new double[0];
    int[] columnStart = new int[0];
    int[] columnEnd = new int[0];
    int[] columnIndex = new int[0];
    double[] columnValue = new double[0];

    /** Makes room for an (n, d) input. */
    void reserve(int n, int d) {
        if (rowStart.length < n) {
            rowStart = new int[n];
            rowEnd = new int[n];
        }
        if (columnStart.length < d) {
            columnStart = new int[d];
            columnEnd = new int[d];
        }
        if (rowIndex.length < n * d) {
            rowIndex = new int[n * d];
            rowValue = new double[n * d];
            columnIndex = new int[n * d];
            columnValue = new double[n * d];
        }
    }

    /**
     * The rows' entries of the flat (n, d) matrix x, four entries at a time. A group of four zeros
     * is skipped with one branch, which a processor predicts well on images, whose zeros come in
     * runs (the border, the background); in any other group every entry is written and the count
     * advances past the non-zeros only, with no branch, since which pixels of a stroke are set is
     * what a predictor cannot guess. Measured on the benchmark's 20 binarized MNIST batches of 60:
     * 28-30 us per batch, against about 50 us for the branch-free pass one entry at a time; in the
     * benchmark's whole MLP step, in eight alternating pairs, 2-4% less time on the Vector API's
     * loops and 4-6% on the plain loops.
     */
    void rowsOf(double[] x, int n, int d) {
        reserve(n, d);
        final int[] index = rowIndex;
        final double[] value = rowValue;
        int count = 0;
        for (int r = 0; r < n; r++) {
            rowStart[r] = count;
            final int o = r * d;
            int i = 0;
            for (; i + 3 < d; i += 4) {
                final double v0 = x[o + i], v1 = x[o + i + 1], v2 = x[o + i + 2], v3 = x[o + i + 3];
                if (((bits(v0) | bits(v1) | bits(v2) | bits(v3)) << 1) == 0) {
                    continue; // four zeros (the sign bit aside, +0 and -0 have no bits set)
                }
                value[count] = v0;
                index[count] = i;
                count += nonZero(v0);
                value[count] = v1;
                index[count] = i + 1;
                count += nonZero(v1);
                value[count] = v2;
                index[count] = i + 2;
                count += nonZero(v2);
                value[count] = v3;
                index[count] = i + 3;
                count += nonZero(v3);
            }
            for (; i < d; i++) {
                final double v = x[o + i];
                value[count] = v;
                index[count] = i;
                count += nonZero(v);
            }
            rowEnd[r] = count;
        }
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    /** 1 if v is not zero (NaN included), 0 for +0 and -0, without a branch: v's bits without the sign bit are zero exactly then. */
    private static int nonZero(double v) {
        final long magnitude = bits(v) << 1;
        return (int) ((magnitude | -magnitude) >>> 63);
    }

    /** The columns' entries, from the rows' (visited in increasing row order). */
    void columnsFromRows(int n, int d) {
        for (int i = 0; i < d; i++) {
            columnStart[i] = i * n;
        }
        System.arraycopy(columnStart, 0, columnEnd, 0, d);
        for (int r = 0; r < n; r++) {
            for (int p = rowStart[r]; p < rowEnd[r]; p++) {
                final int slot = columnEnd[rowIndex[p]]++;
                columnIndex[slot] = r;
                columnValue[slot] = rowValue[p];
            }
        }
    }
}
