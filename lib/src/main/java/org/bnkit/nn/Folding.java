package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds an evaluation-mode {@link BatchNorm} into the {@link Linear} layer before it.
 *
 * <p>At inference BN is one affine map per unit (section 3.1 of the paper): with
 * {@code s = gamma / sqrt(Var[x] + eps)},
 * <pre>
 *   BN(x W + b) = (x W + b - E[x]) s + beta = x (W diag(s)) + ((b - E[x]) s + beta)
 * </pre>
 * so {@code W' = W diag(s)} and {@code b' = (b - E[x]) s + beta} give a single linear layer with
 * the same evaluation-mode output and one pass fewer over the activations.
 */
public final class Folding {
    private Folding() {
    }

    /**
     * The linear layer equal to {@code bn(linear(x))} in evaluation mode.
     *
     * @param linear (D -> M). Not modified.
     * @param bn     per-feature BN over M features, with population statistics. Not modified.
     */
    public static Linear fold(Linear linear, BatchNorm bn) {
        if (bn.features() != linear.outputs() || bn.width() != bn.features()) {
            throw new IllegalArgumentException("Folding: " + bn + " cannot follow " + linear
                    + "; only a per-feature BN over the linear layer's " + linear.outputs() + " outputs folds");
        }
        if (!bn.population().available()) {
            throw new IllegalStateException("Folding: " + bn + " has no population statistics yet; train the network "
                    + "or run PopulationStatistics.estimate before folding");
        }
        final int d = linear.inputs(), m = linear.outputs();
        double[] mean = bn.populationMean(), var = bn.populationVariance();
        double[] gamma = bn.gamma().value().data, beta = bn.beta().value().data;
        double[] w = linear.weight().value().data;
        double[] b = linear.hasBias() ? linear.bias().value().data : new double[m];
        DMatrixRMaj w2 = new DMatrixRMaj(d, m);
        DMatrixRMaj b2 = new DMatrixRMaj(1, m);
        for (int j = 0; j < m; j++) {
            double s = gamma[j] / Math.sqrt(var[j] + bn.eps());
            // b' = (b - E[x]) s + beta
            b2.data[j] = (b[j] - mean[j]) * s + beta[j];
            // W' = W diag(s)
            for (int i = 0; i < d; i++) {
                w2.data[i * m + j] = w[i * m + j] * s;
            }
        }
        return Linear.withWeights(linear.name() + "+" + bn.name(), w2, b2);
    }

    /**
     * A copy of {@code model} for inference in which every Linear followed by a per-feature
     * BatchNorm is replaced by their fold; other layers are shared with {@code model}.
     */
    public static Sequential fold(Sequential model) {
        List<Layer> folded = new ArrayList<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l instanceof Linear lin && i + 1 < layers.size() && layers.get(i + 1) instanceof BatchNorm bn
                    && bn.width() == bn.features()) {
                folded.add(fold(lin, bn));
                i++;
            } else {
                folded.add(l);
            }
        }
        return new Sequential(model.name() + " (BN folded)", folded);
    }
}
