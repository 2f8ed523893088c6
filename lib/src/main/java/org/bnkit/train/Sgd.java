package org.bnkit.train;

import org.bnkit.nn.Parameter;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent, optionally with momentum, in PyTorch's form:
 * <pre>
 *   v <- momentum v + dL/dw          w <- w - lr v
 * </pre>
 * (plain SGD when momentum is 0: {@code w <- w - lr dL/dw}). Frozen parameters are skipped.
 */
public final class Sgd {
    private double learningRate;
    private final double momentum;
    private final Map<Parameter, double[]> velocity = new IdentityHashMap<>();

    public Sgd(double learningRate, double momentum) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Sgd: the learning rate must be a finite number > 0, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("Sgd: momentum must be in [0, 1), got " + momentum);
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    /** Plain SGD. */
    public Sgd(double learningRate) {
        this(learningRate, 0.0);
    }

    /**
     * Updates every trainable parameter from its accumulated gradient.
     *
     * @return the first parameter whose new value is not finite (NaN or infinite), or null
     */
    public Parameter step(List<Parameter> parameters) {
        Parameter firstNonFinite = null;
        for (Parameter p : parameters) {
            if (!p.trainable()) {
                continue;
            }
            final boolean finite;
            if (momentum == 0) {
                finite = p.descend(learningRate);
            } else {
                final double[] w = p.value().data, g = p.grad().data;
                final int n = p.size();
                final double[] v = velocity.computeIfAbsent(p, q -> new double[n]);
                final double mu = momentum, lr = learningRate;
                for (int k = 0; k < n; k++) {
                    v[k] = mu * v[k] + g[k];
                    w[k] -= lr * v[k];
                }
                finite = allFinite(w, n);
            }
            if (firstNonFinite == null && !finite) {
                firstNonFinite = p;
            }
        }
        return firstNonFinite;
    }

    /**
     * Whether w[0..n) holds no NaN or infinity: {@code w[k] * 0} is 0 for a finite entry and NaN
     * otherwise, so the sum is 0 exactly when all are finite, and cannot overflow. Four partial
     * sums, so that the additions do not wait for each other, in a loop of its own, so that the
     * update loop above stays free of a reduction and vectorizes. (Plain SGD does the update and
     * this check in {@link Parameter#descend}.)
     */
    private static boolean allFinite(double[] w, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += w[k] * 0.0;
            s1 += w[k + 1] * 0.0;
            s2 += w[k + 2] * 0.0;
            s3 += w[k + 3] * 0.0;
        }
        for (; k < n; k++) {
            s0 += w[k] * 0.0;
        }
        return s0 + s1 + s2 + s3 == 0.0;
    }

    public double learningRate() {
        return learningRate;
    }

    /** Changes the learning rate (for schedules). */
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Sgd: the learning rate must be a finite number > 0, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    public double momentum() {
        return momentum;
    }

    @Override
    public String toString() {
        return "SGD(lr=" + learningRate + (momentum == 0 ? ")" : ", momentum=" + momentum + ")");
    }
}
