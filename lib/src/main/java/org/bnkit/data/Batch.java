package org.bnkit.data;

import org.ejml.data.DMatrixRMaj;

/**
 * A mini-batch: inputs {@code x: (N, D)} and either class labels ({@code labels[n]} in
 * [0, classes)) or regression targets {@code targets: (N, K)}; the other is null.
 */
public record Batch(DMatrixRMaj x, int[] labels, DMatrixRMaj targets) {

    /** N, the number of examples. */
    public int size() {
        return x.numRows;
    }
}
