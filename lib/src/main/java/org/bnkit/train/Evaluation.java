package org.bnkit.train;

import org.bnkit.data.Dataset;
import org.bnkit.nn.Loss;
import org.bnkit.nn.Mode;
import org.bnkit.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * Accuracy and loss of a model on a whole dataset, computed in batches.
 */
public final class Evaluation {
    /** Batch size of evaluation passes; in EVAL mode it does not change the result. */
    public static final int BATCH = 1000;

    private Evaluation() {
    }

    /** The fraction of examples whose highest score is the true class, in {@link Mode#EVAL}. */
    public static double accuracy(Sequential model, Dataset data) {
        return accuracy(model, data, Mode.EVAL, BATCH);
    }

    /**
     * The fraction of correctly classified examples.
     *
     * @param mode      EVAL for population statistics; TRAIN to normalize each batch with its own
     *                  statistics (the train/eval mismatch experiments of notebook 06)
     * @param batchSize examples per forward pass; matters only in TRAIN mode
     */
    public static double accuracy(Sequential model, Dataset data, Mode mode, int batchSize) {
        if (!data.isClassification()) {
            throw new IllegalArgumentException("Evaluation.accuracy: '" + data.name() + "' has no class labels");
        }
        int[] correct = new int[1];
        data.forEachBatch(batchSize, b -> {
            DMatrixRMaj s = model.forward(b.x(), mode);
            int k = s.numCols;
            for (int r = 0; r < b.size(); r++) {
                int best = 0;
                for (int j = 1; j < k; j++) {
                    if (s.data[r * k + j] > s.data[r * k + best]) {
                        best = j;
                    }
                }
                if (best == b.labels()[r]) {
                    correct[0]++;
                }
            }
        });
        return (double) correct[0] / data.size();
    }

    /** The mean loss over the dataset in {@link Mode#EVAL}. */
    public static double loss(Sequential model, Loss loss, Dataset data) {
        double[] sum = new double[1];
        data.forEachBatch(BATCH, b -> sum[0] += loss.forward(model.forward(b.x(), Mode.EVAL), b) * b.size());
        return sum[0] / data.size();
    }
}
