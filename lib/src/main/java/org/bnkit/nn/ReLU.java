package org.bnkit.nn;

/**
 * The rectifier, {@code y = max(0, x)}. Backward: {@code dX = dY} where {@code x > 0}, else 0
 * (the subgradient 0 is taken at x = 0, as PyTorch does).
 */
public final class ReLU extends Elementwise {

    public ReLU(String name) {
        super(name);
    }

    public ReLU() {
        this("relu");
    }

    @Override
    void apply(double[] x, double[] y, int length) {
        for (int k = 0; k < length; k++) {
            y[k] = Math.max(0.0, x[k]);
        }
    }

    @Override
    void derivative(double[] x, double[] y, double[] dy, double[] dx, int length) {
        for (int k = 0; k < length; k++) {
            dx[k] = x[k] > 0.0 ? dy[k] : 0.0;
        }
    }
}
