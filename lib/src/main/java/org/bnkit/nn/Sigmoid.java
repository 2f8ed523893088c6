package org.bnkit.nn;

/**
 * The logistic sigmoid, {@code g(x) = 1 / (1 + exp(-x))}, the nonlinearity of the paper's MNIST
 * experiment (section 4.1). Backward: {@code g'(x) = g(x) (1 - g(x))}.
 *
 * <p>exp is {@link Exponential}'s (within about one unit in the last place of {@code Math.exp}),
 * so that the plain loops and the Vector API's ({@link DenseKernels}) give the same bits.
 */
public final class Sigmoid extends Elementwise {
    private final DenseLoops loops = new DenseLoops();

    public Sigmoid(String name) {
        super(name);
    }

    public Sigmoid() {
        this("sigmoid");
    }

    @Override
    void apply(double[] x, double[] y, int length) {
        loops.current().sigmoid(x, y, length);
    }

    @Override
    void derivative(double[] x, double[] y, double[] dy, double[] dx, int length) {
        for (int k = 0; k < length; k++) {
            dx[k] = dy[k] * y[k] * (1.0 - y[k]);
        }
    }
}
