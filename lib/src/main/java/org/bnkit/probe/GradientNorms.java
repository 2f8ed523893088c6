package org.bnkit.probe;

import org.bnkit.data.Batch;
import org.bnkit.nn.Layer;
import org.bnkit.nn.Linear;
import org.bnkit.nn.Loss;
import org.bnkit.nn.Sequential;
import org.bnkit.stats.LineFit;
import org.bnkit.stats.Vectors;

import java.util.ArrayList;
import java.util.List;

/**
 * The size of the gradient of every weight matrix, ||dL/dW_l||_2 (Frobenius), for l = 1..L in
 * network order, on one training-mode batch: the measurement behind Yang et al. (2019), "A Mean
 * Field Theory of Batch Normalization", who show that at initialisation a deep BN network without
 * skip connections has gradients that grow exponentially towards the input,
 * {@code ||dL/dW_l|| ~ C lambda^(L - l)}, at a rate lambda &gt; 1 set by the batch size and the
 * nonlinearity, which no choice of initial weight scale removes.
 *
 * <p>{@link #rate(int, int)} fits {@code ln ||dL/dW_l|| = a + b l} by least squares
 * ({@link LineFit#logLinear}); the growth per layer towards the input is {@code e^(-b)}.
 *
 * @param layers the Linear layers' names, in order
 * @param norms  ||dL/dW_l||_2, one per Linear layer
 */
public record GradientNorms(List<String> layers, double[] norms) {

    /**
     * Measures on {@code batch} at the model's current parameters; the model is left exactly as
     * it was ({@link ProbeScope}).
     */
    public static GradientNorms ofWeights(Sequential model, Loss loss, Batch batch) {
        List<String> names = new ArrayList<>();
        List<Linear> linears = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (l instanceof Linear linear) {
                names.add(l.name());
                linears.add(linear);
            }
        }
        if (linears.isEmpty()) {
            throw new IllegalArgumentException("GradientNorms: '" + model.name() + "' has no Linear layer");
        }
        double[] norms = new double[linears.size()];
        try (ProbeScope scope = ProbeScope.open(model)) {
            scope.lossAndGradients(loss, batch);
            for (int l = 0; l < norms.length; l++) {
                norms[l] = Vectors.norm(linears.get(l).weight().grad().data);
            }
        }
        return new GradientNorms(List.copyOf(names), norms);
    }

    /**
     * The least-squares line through (l, ln ||dL/dW_l||) for layers {@code from..to} (1-based,
     * inclusive): slope b is the exponential rate per layer (negative when gradients grow towards
     * the input).
     */
    public LineFit rate(int from, int to) {
        if (from < 1 || to > norms.length || to - from < 1) {
            throw new IllegalArgumentException("GradientNorms.rate: need 1 <= from < to <= " + norms.length + ", got " + from + ".." + to);
        }
        double[] l = new double[to - from + 1], g = new double[to - from + 1];
        for (int i = from; i <= to; i++) {
            l[i - from] = i;
            g[i - from] = norms[i - 1];
        }
        return LineFit.logLinear(l, g);
    }

    /** ||dL/dW_l|| for layer l (1-based). */
    public double norm(int l) {
        return norms[l - 1];
    }
}
