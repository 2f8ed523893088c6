package org.bnkit.probe;

import org.bnkit.nn.Layer;
import org.bnkit.train.TrainingHook;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * The distribution of every unit's input to one layer over training, summarized by its first two
 * moments on each recorded training batch: the batch mean mu_j and the (biased) standard deviation
 * sigma_j of column j of the layer's input.
 *
 * <p>How much the distribution moves between records is then measured by
 * <pre>
 *   meanShift_t = 1/D sum_j |mu_{t,j} - mu_{t-1,j}|        stdShift_t = 1/D sum_j |sigma_{t,j} - sigma_{t-1,j}|
 * </pre>
 * the average movement of a unit's mean and spread between consecutive records: what
 * "internal covariate shift" means in Ioffe &amp; Szegedy (2015), section 2, and what the noisy
 * BN of Santurkar et al. (2018), section 2.1, increases on purpose.
 *
 * <p>Records are taken at steps {@code 1, 1 + every, 1 + 2 every, ...}.
 */
public final class LayerMoments implements TrainingHook {
    private final int layerIndex;
    private final long every;
    private final List<Long> steps = new ArrayList<>();
    private final List<double[]> means = new ArrayList<>();
    private final List<double[]> stds = new ArrayList<>();

    /**
     * @param layerIndex the index of the layer in the Sequential whose input is recorded (e.g. a
     *                   sigmoid: its input is the pre-activation)
     * @param every      steps between records
     */
    public LayerMoments(int layerIndex, long every) {
        if (every < 1 || layerIndex < 0) {
            throw new IllegalArgumentException("LayerMoments: need layerIndex >= 0 and every >= 1, got " + layerIndex + " and " + every);
        }
        this.layerIndex = layerIndex;
        this.every = every;
    }

    @Override
    public boolean observesLayers(long step) {
        return (step - 1) % every == 0;
    }

    @Override
    public void forward(long step, int index, Layer layer, DMatrixRMaj input, DMatrixRMaj output) {
        if (index != layerIndex) {
            return;
        }
        final int n = input.numRows, d = input.numCols;
        double[] mu = new double[d], sd = new double[d];
        final double[] x = input.data;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                mu[j] += x[r * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= n;
        }
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                double c = x[r * d + j] - mu[j];
                sd[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j] / n);
        }
        steps.add(step);
        means.add(mu);
        stds.add(sd);
    }

    /** The recorded steps. */
    public long[] steps() {
        return steps.stream().mapToLong(Long::longValue).toArray();
    }

    /** mu_{t, j}: one array of D unit means per record. */
    public List<double[]> means() {
        return List.copyOf(means);
    }

    /** sigma_{t, j}: one array of D unit standard deviations per record. */
    public List<double[]> stds() {
        return List.copyOf(stds);
    }

    /** meanShift_t for t = 1..T-1 (one fewer than the records). */
    public double[] meanShift() {
        return shift(means);
    }

    /** stdShift_t for t = 1..T-1 (one fewer than the records). */
    public double[] stdShift() {
        return shift(stds);
    }

    private static double[] shift(List<double[]> v) {
        double[] out = new double[Math.max(0, v.size() - 1)];
        for (int t = 1; t < v.size(); t++) {
            double[] a = v.get(t - 1), b = v.get(t);
            double s = 0;
            for (int j = 0; j < a.length; j++) {
                s += Math.abs(b[j] - a[j]);
            }
            out[t - 1] = s / a.length;
        }
        return out;
    }
}
