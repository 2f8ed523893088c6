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
     * The rows' entries of the flat (n, d) matrix x: every entry is written and
     * the count advances past the non-zeros only, with no branch (binarized images would make a
     * branch unpredictable).
     */
    void rowsOf(double[] x, int n, int d) {
        reserve(n, d);
        int count = 0;
        for (int r = 0; r < n; r++) {
            rowStart[r] = count;
            final int o = r * d;
            for (int i = 0; i < d; i++) {
                final double v = x[o + i];
                rowValue[count] = v;
                rowIndex[count] = i;
                count += v != 0.0 ? 1 : 0;
            }
            rowEnd[r] = count;
        }
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
