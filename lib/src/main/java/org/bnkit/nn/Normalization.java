package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.List;

/**
 * What the normalization layers share: the learned scale gamma and shift beta of section 3 of
 * Ioffe &amp; Szegedy (2015), which "restore the representation power of the network"
 * ({@code y = gamma xHat + beta}, initialised to the identity gamma = 1, beta = 0), the constant
 * eps that keeps the division finite, and the checks that guard them. Each layer keeps only its
 * own statistics and its own forward and backward rules.
 *
 * <p>Shapes: {@code gamma, beta: (1, features)}, one entry per normalized feature (or feature map).
 * The constructor is package-private: the family is BatchNorm, BatchRenorm, LpBatchNorm and
 * LayerNorm.
 */
public abstract class Normalization implements Layer {

    /**
     * The paper leaves eps open; 1e-5 is PyTorch's default for its batch and layer normalization
     * (Keras and TensorFlow use 1e-3). {@code BatchNorm.DEFAULT_EPS} names the same constant.
     */
    public static final double DEFAULT_EPS = 1e-5;

    private final String name;
    private final int features;
    private final double eps;
    private final Parameter gamma;
    private final Parameter beta;

    Normalization(String name, int features, double eps) {
        this.name = name;
        this.features = features;
        this.eps = eps;
        DMatrixRMaj ones = new DMatrixRMaj(1, features);
        Arrays.fill(ones.data, 1.0);
        this.gamma = new Parameter(name + ".gamma", ones);
        this.beta = new Parameter(name + ".beta", new DMatrixRMaj(1, features));
    }

    /** Checks an eps given to a builder: a finite number &gt;= 0. */
    static double checkedEps(String layer, double eps) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException(layer + ": eps must be a finite number >= 0, got " + eps);
        }
        return eps;
    }

    /**
     * Checks, at every forward pass, that gamma and beta still have their shape (1, features): a
     * caller who reshaped {@code gamma().value()} would otherwise have the layer read the wrong
     * entries without a word.
     */
    final void requireAffineShape() {
        requireRow(gamma, gamma.value(), "");
        requireRow(gamma, gamma.grad(), "'s gradient");
        requireRow(beta, beta.value(), "");
        requireRow(beta, beta.grad(), "'s gradient");
    }

    private void requireRow(Parameter p, DMatrixRMaj m, String what) {
        if (m.numRows != 1 || m.numCols != features) {
            throw new IllegalStateException(label() + ": " + p.name() + what + " has shape " + Shapes.of(m)
                    + ", expected (1, " + features + "): one entry per feature. Set its entries in place ("
                    + p.name() + ".value().data[j] = v) instead of reshaping it.");
        }
    }

    /**
     * Refuses a training-mode batch with fewer than two values per statistic: with one value,
     * x - mu_B = 0 and xHat would be 0 for every input.
     *
     * @param n              the examples in the batch
     * @param m              the values behind each statistic (n, or n*H*W for feature maps)
     * @param evaluationUses what evaluation mode normalizes with instead, for the message
     */
    final void requireTwoValues(int n, int m, String evaluationUses) {
        if (m < 2) {
            throw new IllegalArgumentException(label() + ": a training-mode batch needs at least 2 values per statistic, "
                    + "got a batch of " + n + " example" + (n == 1 ? "" : "s") + ". With a single value x - mu_B = 0, "
                    + "so x_hat would be 0 for every input. Use a mini-batch of 2 or more examples, or forward(x, Mode.EVAL) "
                    + "to use " + evaluationUses + ".");
        }
    }

    /**
     * Refuses the one division that eps cannot save when it is 0: a feature whose spread (its
     * variance, or norm) is 0, a constant feature, would give xHat = 0/0 = NaN. With any eps &gt; 0
     * the same feature gets xHat = 0 and y = beta.
     *
     * @param spreadPlusEps the denominator before any square root: sigma2 + eps (or s + eps)
     * @param index         which feature (or example, for {@link LayerNorm})
     * @param unit          "feature", "feature map" or "example"
     * @param where         what the spread was taken over, e.g. "in this batch"
     */
    final void requireNonZeroSpread(double spreadPlusEps, int index, String unit, String where) {
        if (spreadPlusEps == 0) {
            throw new IllegalArgumentException(label() + ": " + unit + " " + index + " is constant " + where
                    + " and eps = 0, so xHat = 0/0 (NaN). Build the layer with eps > 0 (the default is " + DEFAULT_EPS
                    + "), which gives xHat = 0 and y = beta for a constant " + unit + ".");
        }
    }

    /**
     * xHat = (x - center) / spread for the last forward input {@code x: (N, C*S)}, with one
     * center and one inverse spread per statistic, each over the S positions of its map.
     */
    final DMatrixRMaj normalized(DMatrixRMaj x, double[] center, double[] inverseSpread, int spatial) {
        Shapes.requireForward(label(), x);
        DMatrixRMaj xHat = new DMatrixRMaj(x.numRows, x.numCols);
        for (int k = 0; k < x.getNumElements(); k++) {
            final int j = k % x.numCols / spatial;
            xHat.data[k] = (x.data[k] - center[j]) * inverseSpread[j];
        }
        return xHat;
    }

    /** gamma: (1, features). */
    public final Parameter gamma() {
        return gamma;
    }

    /** beta: (1, features). */
    public final Parameter beta() {
        return beta;
    }

    /** eps, the constant that keeps the division finite. */
    public final double eps() {
        return eps;
    }

    /** The number of features (or feature maps) normalized: the length of gamma and beta. */
    public final int features() {
        return features;
    }

    @Override
    public final List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    @Override
    public final String name() {
        return name;
    }

    /** The layer's kind, name and shape, for messages, e.g. {@code BatchNorm 'bn1' (100 features)}. */
    abstract String label();

    @Override
    public String toString() {
        return label();
    }
}
