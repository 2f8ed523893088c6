package org.bnkit.nn;

import org.bnkit.data.Batch;
import org.ejml.data.DMatrixRMaj;

/**
 * The mean squared error over every entry, as PyTorch's {@code MSELoss()}:
 * <pre>
 *   L = 1/(N K) sum_{n,k} (y[n, k] - t[n, k])^2        dL/dy = 2 (y - t) / (N K)
 * </pre>
 */
public final class SquaredError implements Loss {
    private DMatrixRMaj diff;
    private DMatrixRMaj dY;

    @Override
    public double forward(DMatrixRMaj output, Batch batch) {
        if (batch.targets() == null) {
            throw new IllegalArgumentException("SquaredError needs regression targets, and this batch has class labels; "
                    + "use SoftmaxCrossEntropy for classification");
        }
        return forward(output, batch.targets());
    }

    /**
     * @param output  (N, K). Not modified.
     * @param targets (N, K). Not modified.
     */
    public double forward(DMatrixRMaj output, DMatrixRMaj targets) {
        if (output.numRows != targets.numRows || output.numCols != targets.numCols) {
            throw new IllegalArgumentException("SquaredError: output " + Shapes.of(output) + " and targets "
                    + Shapes.of(targets) + " must have the same shape");
        }
        final int count = output.getNumElements();
        diff = Shapes.reuse(diff, output.numRows, output.numCols);
        double sum = 0;
        for (int k = 0; k < count; k++) {
            double d = output.data[k] - targets.data[k];
            diff.data[k] = d;
            sum += d * d;
        }
        return sum / count;
    }

    @Override
    public DMatrixRMaj backward() {
        Shapes.requireForward("SquaredError", diff);
        final int count = diff.getNumElements();
        dY = Shapes.reuse(dY, diff.numRows, diff.numCols);
        for (int k = 0; k < count; k++) {
            dY.data[k] = 2.0 * diff.data[k] / count;
        }
        return dY;
    }
}
