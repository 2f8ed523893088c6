package org.bnkit.nn;

/**
 * The logistic sigmoid, {@code g(x) = 1 / (1 + exp(-x))}, the nonlinearity of the paper's MNIST
 * experiment (section 4.1). Backward: {@code g'(x) = g(x) (1 - g(x))}.
 */
public final class Sigmoid extends Elementwise {

    public Sigmoid(String name) {
        super(name);
    }

    public Sigmoid() {
        this("sigmoid");
    }

    @Override
    void apply(double[] x, double[] y, int length) {
        for (int k = 0; k < length; k++) {
            y[k] = 1.0 / (1.0 + Math.exp(-x[k]));
        }
    }

    @Override
    void derivative(double[] x, double[] y, double[] dy, double[] dx, int length) {
        for (int k = 0; k < length; k++) {
            dx[k] = dy[k] * y[k] * (1.0 - y[k]);
        }
    }
}
