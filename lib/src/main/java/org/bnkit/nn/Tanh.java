package org.bnkit.nn;

/** The hyperbolic tangent, {@code y = tanh(x)}. Backward: {@code 1 - y^2}. */
public final class Tanh extends Elementwise {

    public Tanh(String name) {
        super(name);
    }

    public Tanh() {
        this("tanh");
    }

    @Override
    void apply(double[] x, double[] y, int length) {
        for (int k = 0; k < length; k++) {
            y[k] = Math.tanh(x[k]);
        }
    }

    @Override
    void derivative(double[] x, double[] y, double[] dy, double[] dx, int length) {
        for (int k = 0; k < length; k++) {
            dx[k] = dy[k] * (1.0 - y[k] * y[k]);
        }
    }
}
