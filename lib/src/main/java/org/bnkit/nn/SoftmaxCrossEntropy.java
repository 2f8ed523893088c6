package org.bnkit.nn;

import org.bnkit.data.Batch;
import org.ejml.data.DMatrixRMaj;

/**
 * Softmax followed by the cross-entropy with the true class, averaged over the batch:
 * <pre>
 *   p[n, k] = exp(s[n, k]) / sum_j exp(s[n, j])        L = -1/N sum_n log p[n, y_n]
 *   dL/ds[n, k] = (p[n, k] - [k == y_n]) / N
 * </pre>
 * computed with the max subtracted from each row, so large scores do not overflow.
 */
public final class SoftmaxCrossEntropy implements Loss {
    private DMatrixRMaj p;
    private int[] labels;
    private DMatrixRMaj dS;

    @Override
    public double forward(DMatrixRMaj scores, Batch batch) {
        if (batch.labels() == null) {
            throw new IllegalArgumentException("SoftmaxCrossEntropy needs class labels, and this batch has regression "
                    + "targets; use SquaredError for regression");
        }
        return forward(scores, batch.labels());
    }

    /**
     * @param scores (N, K) unnormalized log-probabilities. Not modified.
     * @param labels N labels in [0, K). Not copied.
     */
    public double forward(DMatrixRMaj scores, int[] labels) {
        final int n = scores.numRows, k = scores.numCols;
        if (labels.length != n) {
            throw new IllegalArgumentException("SoftmaxCrossEntropy: " + n + " rows of scores but " + labels.length + " labels");
        }
        this.labels = labels;
        p = Shapes.reuse(p, n, k);
        final double[] s = scores.data, ps = p.data;
        double loss = 0;
        for (int r = 0; r < n; r++) {
            final int row = r * k;
            if (labels[r] < 0 || labels[r] >= k) {
                throw new IllegalArgumentException("SoftmaxCrossEntropy: label " + labels[r] + " of example " + r
                        + " is outside [0, " + k + "); the network has " + k + " outputs");
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, s[row + j]);
            }
            double z = 0;
            for (int j = 0; j < k; j++) {
                double e = Math.exp(s[row + j] - max);
                ps[row + j] = e;
                z += e;
            }
            for (int j = 0; j < k; j++) {
                ps[row + j] /= z;
            }
            // -log p[y] = log z + max - s[y]
            loss += Math.log(z) + max - s[row + labels[r]];
        }
        return loss / n;
    }

    @Override
    public DMatrixRMaj backward() {
        Shapes.requireForward("SoftmaxCrossEntropy", p);
        final int n = p.numRows, k = p.numCols;
        dS = Shapes.reuse(dS, n, k);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < k; j++) {
                dS.data[r * k + j] = (p.data[r * k + j] - (j == labels[r] ? 1.0 : 0.0)) / n;
            }
        }
        return dS;
    }

    /** The softmax probabilities of the last forward call, (N, K), owned by the loss. */
    public DMatrixRMaj probabilities() {
        return p;
    }
}
