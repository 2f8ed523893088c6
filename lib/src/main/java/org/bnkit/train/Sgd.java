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
            final double[] w = p.value().data, g = p.grad().data;
            final int n = p.size();
            final double lr = learningRate;
            double check = 0;
            if (momentum == 0) {
                for (int k = 0; k < n; k++) {
                    w[k] -= lr * g[k];
                    check += w[k];
                }
            } else {
                final double[] v = velocity.computeIfAbsent(p, q -> new double[n]);
                final double mu = momentum;
                for (int k = 0; k < n; k++) {
                    v[k] = mu * v[k] + g[k];
                    w[k] -= lr * v[k];
                    check += w[k];
                }
            }
            // a sum is finite only if no term is NaN or infinite (barring overflow, also divergence)
            if (firstNonFinite == null && !Double.isFinite(check)) {
                firstNonFinite = p;
            }
        }
        return firstNonFinite;
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
