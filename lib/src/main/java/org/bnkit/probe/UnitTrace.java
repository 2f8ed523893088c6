package org.bnkit.probe;

import org.bnkit.nn.Layer;
import org.bnkit.stats.Percentiles;
import org.bnkit.train.TrainingHook;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records the input of one unit of one layer over training, as in Figure 1(b, c) of the paper
 * ("the evolution of input distributions to a typical sigmoid, over the course of training,
 * shown as {15, 50, 85}th percentiles").
 *
 * <p>At steps {@code 1, 1 + every, 1 + 2 every, ...} (and the {@code window - 1} steps after each,
 * pooled) it copies column {@code unit} of the input of layer {@code layerIndex} on the training
 * mini-batch: the values the unit sees during training, with the batch statistics BN uses.
 */
public final class UnitTrace implements TrainingHook {
    private final int layerIndex;
    private final int unit;
    private final long every;
    private final int window;
    private final List<Long> steps = new ArrayList<>();
    private final List<double[]> samples = new ArrayList<>();
    private double[] pooling;
    private int pooled;

    /**
     * @param layerIndex index of the layer in the Sequential (e.g. the last sigmoid)
     * @param unit       which unit (column) of its input
     * @param every      steps between records
     * @param window     consecutive steps pooled into each record (1 = one mini-batch)
     */
    public UnitTrace(int layerIndex, int unit, long every, int window) {
        if (every < 1 || window < 1 || window > every) {
            throw new IllegalArgumentException("UnitTrace: need 1 <= window <= every, got window " + window + ", every " + every);
        }
        this.layerIndex = layerIndex;
        this.unit = unit;
        this.every = every;
        this.window = window;
    }

    @Override
    public boolean observesLayers(long step) {
        return (step - 1) % every < window;
    }

    @Override
    public void forward(long step, int index, Layer layer, DMatrixRMaj input, DMatrixRMaj output) {
        if (index != layerIndex) {
            return;
        }
        if (unit >= input.numCols) {
            throw new IllegalArgumentException("UnitTrace: layer " + index + " (" + layer + ") has " + input.numCols
                    + " input units; unit " + unit + " does not exist");
        }
        int n = input.numRows;
        if ((step - 1) % every == 0) {
            pooling = new double[n * window];
            pooled = 0;
        }
        for (int r = 0; r < n; r++) {
            pooling[pooled++] = input.data[r * input.numCols + unit];
        }
        if ((step - 1) % every == window - 1) {
            steps.add(step - window + 1);
            samples.add(Arrays.copyOf(pooling, pooled));
        }
    }

    /** The first step of each record. */
    public long[] steps() {
        return steps.stream().mapToLong(Long::longValue).toArray();
    }

    /** The recorded values, one array per record. */
    public List<double[]> samples() {
        return samples;
    }

    /**
     * Percentile curves: {@code result[i][t]} is percentile {@code ps[i]} of record t.
     */
    public double[][] percentiles(double... ps) {
        double[][] out = new double[ps.length][samples.size()];
        for (int t = 0; t < samples.size(); t++) {
            double[] q = Percentiles.of(samples.get(t), ps);
            for (int i = 0; i < ps.length; i++) {
                out[i][t] = q[i];
            }
        }
        return out;
    }
}
