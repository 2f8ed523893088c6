package org.bnkit.probe;

import org.bnkit.data.Batch;
import org.bnkit.nn.Layer;
import org.bnkit.nn.Linear;
import org.bnkit.nn.Loss;
import org.bnkit.nn.Parameter;
import org.bnkit.nn.Sequential;
import org.bnkit.train.Sgd;
import org.bnkit.train.TrainingHook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Internal covariate shift measured through the gradients, Definition 2.1 of Santurkar et al.
 * (2018), section 2.2. At step t, for layer i with weights W_i, on the step's batch (x, y):
 * <pre>
 *   G  = dL/dW_i (W_1^t, ..., W_{i-1}^t,     W_i^t, ..., W_k^t; x, y)
 *   G' = dL/dW_i (W_1^t+1, ..., W_{i-1}^t+1, W_i^t, ..., W_k^t; x, y)
 *   ICS = ||G - G'||_2,  reported with cos(G, G') = &lt;G, G'&gt; / (||G|| ||G'||)
 * </pre>
 * G is the gradient the step computed; G' is the gradient the same layer would get on the same
 * batch if every layer before it (weights, biases, BN's gamma and beta) had already taken its SGD
 * step {@code w - eta dL/dw}. If the earlier layers' updates did not change what layer i has to
 * learn, G' = G: ||G - G'|| = 0 and cos = 1.
 *
 * <p>A {@link TrainingHook}: at steps {@code every, 2 every, ...} it measures every
 * {@link Linear} layer but the first (which has no layers before it: there G' = G), inside a
 * {@link ProbeScope}, so the training run continues exactly as without the probe. Each probe
 * costs one forward and backward pass per measured layer. Plain SGD only: with momentum the step
 * would not be {@code -eta G}.
 */
public final class IcsProbe implements TrainingHook {
    private final Loss loss;
    private final Sgd optimizer;
    private final double stepSize;
    private final long every;
    private final List<Long> steps = new ArrayList<>();
    private final List<String> layerNames = new ArrayList<>();
    private final List<List<double[]>> records = new ArrayList<>();

    private IcsProbe(Loss loss, Sgd optimizer, double stepSize, long every) {
        if (every < 1) {
            throw new IllegalArgumentException("IcsProbe: every must be >= 1, got " + every);
        }
        this.loss = loss;
        this.optimizer = optimizer;
        this.stepSize = stepSize;
        this.every = every;
    }

    /**
     * A probe whose earlier layers take the step the training run's optimizer takes: eta is its
     * learning rate at the time of each probe.
     *
     * @param loss the training loss (the trainer's own instance may be passed)
     * @throws IllegalArgumentException if the optimizer uses momentum
     */
    public static IcsProbe following(Sgd optimizer, Loss loss, long every) {
        if (optimizer.momentum() != 0) {
            throw new IllegalArgumentException("IcsProbe: Definition 2.1 is measured for plain SGD steps w - eta G; "
                    + "this optimizer has momentum " + optimizer.momentum() + ". Use new Sgd(lr) for runs you probe.");
        }
        return new IcsProbe(loss, optimizer, Double.NaN, every);
    }

    /** A probe with a fixed step size eta &gt;= 0 for the earlier layers (0 gives G' = G exactly). */
    public static IcsProbe withStepSize(double eta, Loss loss, long every) {
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("IcsProbe: the step size must be a finite number >= 0, got " + eta);
        }
        return new IcsProbe(loss, null, eta, every);
    }

    @Override
    public void beforeUpdate(long step, Batch batch, Sequential model) {
        if (step % every != 0) {
            return;
        }
        List<double[]> perLayer = measure(model, batch, optimizer != null ? optimizer.learningRate() : stepSize);
        steps.add(step);
        records.add(perLayer);
    }

    /**
     * Measures every Linear layer but the first on {@code batch}, given that the model's
     * gradients are those of this batch (as in {@link #beforeUpdate}).
     *
     * @return for each measured layer {||G - G'||, cos(G, G'), ||G||, ||G'||}
     */
    private List<double[]> measure(Sequential model, Batch batch, double eta) {
        List<Layer> layers = model.layers();
        List<String> names = new ArrayList<>();
        List<double[]> out = new ArrayList<>();
        try (ProbeScope scope = ProbeScope.open(model)) {
            Set<Parameter> before = Collections.newSetFromMap(new IdentityHashMap<>());
            boolean first = true;
            for (Layer layer : layers) {
                if (layer instanceof Linear linear) {
                    if (!first) {
                        double[] g = scope.savedGradient(linear.weight());
                        scope.placeAt(eta, scope.savedGradients(before));
                        scope.lossAndGradients(loss, batch);
                        double[] gPrime = linear.weight().grad().data;
                        names.add(linear.name());
                        out.add(compare(g, gPrime));
                    }
                    first = false;
                }
                before.addAll(layer.parameters());
            }
        }
        if (layerNames.isEmpty()) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("IcsProbe: '" + model.name() + "' has fewer than two Linear layers; "
                        + "the measure needs a layer with layers before it");
            }
            layerNames.addAll(names);
        }
        return out;
    }

    /** {||G - G'||, cos(G, G'), ||G||, ||G'||}. */
    private static double[] compare(double[] g, double[] gPrime) {
        double dot = 0, gg = 0, pp = 0, dd = 0;
        for (int k = 0; k < g.length; k++) {
            dot += g[k] * gPrime[k];
            gg += g[k] * g[k];
            pp += gPrime[k] * gPrime[k];
            double d = g[k] - gPrime[k];
            dd += d * d;
        }
        double cos = gg == 0 || pp == 0 ? Double.NaN : dot / Math.sqrt(gg * pp);
        return new double[] {Math.sqrt(dd), cos, Math.sqrt(gg), Math.sqrt(pp)};
    }

    /** The steps measured. */
    public long[] steps() {
        return steps.stream().mapToLong(Long::longValue).toArray();
    }

    /** The names of the measured layers (every Linear but the first), in network order. */
    public List<String> layers() {
        return List.copyOf(layerNames);
    }

    /** ||G - G'||_2 of layer {@code layer} at every measured step. */
    public double[] difference(String layer) {
        return column(layer, 0);
    }

    /** cos(G, G') of layer {@code layer} at every measured step (NaN if G or G' is zero). */
    public double[] cosine(String layer) {
        return column(layer, 1);
    }

    /** ||G||_2 of layer {@code layer} at every measured step. */
    public double[] gradientNorm(String layer) {
        return column(layer, 2);
    }

    /** ||G - G'|| / ||G||: the change relative to the gradient's size. */
    public double[] relativeDifference(String layer) {
        double[] d = column(layer, 0), n = column(layer, 2);
        double[] r = new double[d.length];
        for (int t = 0; t < d.length; t++) {
            r[t] = d[t] / n[t];
        }
        return r;
    }

    private double[] column(String layer, int which) {
        int i = layerNames.indexOf(layer);
        if (i < 0) {
            throw new IllegalArgumentException("IcsProbe: no measured layer '" + layer + "'; measured layers are " + layerNames
                    + (layerNames.isEmpty() ? " (none yet: has the probe run?)" : ""));
        }
        double[] v = new double[records.size()];
        for (int t = 0; t < records.size(); t++) {
            v[t] = records.get(t).get(i)[which];
        }
        return v;
    }
}
