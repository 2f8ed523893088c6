package org.bnkit.probe;

import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.Layer;
import org.bnkit.nn.RunningAverage;
import org.bnkit.nn.Sequential;
import org.bnkit.train.TrainingHook;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running averages that several framework conventions would keep, all recorded from one
 * training run.
 *
 * <p>A running average never changes training: a training-mode forward pass normalizes with the
 * batch statistics mu_B and sigma2_B whatever the average holds. So one run can feed every
 * convention at once. At each training step this hook reads, for every {@link BatchNorm} layer,
 * the batch statistics that layer just used and updates, for each {@link Convention},
 * <pre>
 *   E[x]   <- (1 - w) E[x]   + w mu_B
 *   Var[x] <- (1 - w) Var[x] + w v_B      v_B = m/(m-1) sigma2_B (unbiased) or sigma2_B (biased)
 * </pre>
 * with w the convention's weight on the new batch ({@link RunningAverage#weightOnNewBatch}),
 * starting from E[x] = 0, Var[x] = 1 as frameworks do. {@link #applyTo} loads one convention's
 * averages into the model as its population statistics, for evaluation. Each convention gives
 * exactly the statistics a {@link BatchNorm} built with that running average would hold.
 *
 * <p>Only the trainer's steps are recorded: other training-mode passes (an evaluation with batch
 * statistics, {@link org.bnkit.nn.PopulationStatistics#estimate}) are not.
 */
public final class RunningStatistics implements TrainingHook {

    /**
     * One way of keeping a running average.
     *
     * @param label            a name for tables and legends, e.g. "PyTorch momentum=0.1"
     * @param average          the update
     * @param unbiasedVariance whether the average takes m/(m-1) sigma2_B (PyTorch) or sigma2_B (Keras)
     */
    public record Convention(String label, RunningAverage average, boolean unbiasedVariance) {
        public Convention {
            if (!average.tracks()) {
                throw new IllegalArgumentException("RunningStatistics: convention '" + label + "' uses " + average
                        + ", which keeps no average; use PopulationStatistics.estimate for statistics without one");
            }
        }
    }

    /** The averages of one BN layer under every convention. */
    private static final class LayerAverages {
        final double[][] mean;
        final double[][] var;
        long batches;

        LayerAverages(int conventions, int features) {
            mean = new double[conventions][features];
            var = new double[conventions][features];
            for (double[] v : var) {
                Arrays.fill(v, 1.0);
            }
        }
    }

    private final List<Convention> conventions;
    private final Map<Integer, LayerAverages> layers = new LinkedHashMap<>();

    /** Records the running averages of each convention (labels must differ). */
    public RunningStatistics(List<Convention> conventions) {
        if (conventions.isEmpty()) {
            throw new IllegalArgumentException("RunningStatistics: give at least one convention");
        }
        List<String> labels = new ArrayList<>();
        for (Convention c : conventions) {
            if (labels.contains(c.label())) {
                throw new IllegalArgumentException("RunningStatistics: two conventions are labelled '" + c.label() + "'");
            }
            labels.add(c.label());
        }
        this.conventions = List.copyOf(conventions);
    }

    public RunningStatistics(Convention... conventions) {
        this(List.of(conventions));
    }

    @Override
    public boolean observesLayers(long step) {
        return true;
    }

    @Override
    public void forward(long step, int index, Layer layer, DMatrixRMaj input, DMatrixRMaj output) {
        if (!(layer instanceof BatchNorm bn)) {
            return;
        }
        final int features = bn.features();
        final int m = input.numRows * (bn.width() / features);
        final double[] muB = bn.lastMean(), sigma2B = bn.lastVariance();
        final double bessel = (double) m / (m - 1);
        LayerAverages a = layers.computeIfAbsent(index, i -> new LayerAverages(conventions.size(), features));
        for (int c = 0; c < conventions.size(); c++) {
            Convention conv = conventions.get(c);
            conv.average().update(a.mean[c], muB, 1.0, a.batches);
            conv.average().update(a.var[c], sigma2B, conv.unbiasedVariance() ? bessel : 1.0, a.batches);
        }
        a.batches++;
    }

    /**
     * Sets the population statistics of every BatchNorm layer of {@code model} to the running
     * averages of the convention labelled {@code label}.
     *
     * @param model the trained network; its BN layers are Modified (population statistics only)
     */
    public void applyTo(Sequential model, String label) {
        int c = indexOf(label);
        List<Layer> ls = model.layers();
        for (int i = 0; i < ls.size(); i++) {
            if (ls.get(i) instanceof BatchNorm bn) {
                LayerAverages a = averagesOf(i);
                bn.setPopulationStatistics(a.mean[c], a.var[c]);
            }
        }
    }

    /** E[x] of the BN layer at {@code layerIndex} of the network under the convention (a copy). */
    public double[] mean(String label, int layerIndex) {
        return averagesOf(layerIndex).mean[indexOf(label)].clone();
    }

    /** Var[x] of the BN layer at {@code layerIndex} of the network under the convention (a copy). */
    public double[] variance(String label, int layerIndex) {
        return averagesOf(layerIndex).var[indexOf(label)].clone();
    }

    /** The training batches recorded so far. */
    public long batches() {
        return layers.isEmpty() ? 0 : layers.values().iterator().next().batches;
    }

    /** The conventions, in the order given. */
    public List<Convention> conventions() {
        return conventions;
    }

    private int indexOf(String label) {
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < conventions.size(); c++) {
            if (conventions.get(c).label().equals(label)) {
                return c;
            }
            labels.add(conventions.get(c).label());
        }
        throw new IllegalArgumentException("RunningStatistics: no convention labelled '" + label + "'; the conventions are " + labels);
    }

    private LayerAverages averagesOf(int layerIndex) {
        LayerAverages a = layers.get(layerIndex);
        if (a == null) {
            throw new IllegalStateException("RunningStatistics: no training step of a BatchNorm layer at index " + layerIndex
                    + " was recorded (recorded: " + layers.keySet() + "). Pass this hook to the Trainer with .hook(...) "
                    + "before training the same network.");
        }
        return a;
    }
}
