package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * A parameter-free layer that applies a scalar function to every entry: {@code y = f(x)},
 * {@code dX = dY * f'(x)}, with {@code f'} written in terms of {@code x} and {@code y}.
 */
abstract class Elementwise implements Layer {
    private final String name;
    /** "Sigmoid 'sigmoid1'", for messages: made once, since the checks of every backward pass name the layer. */
    private final String label;
    private DMatrixRMaj x;
    private DMatrixRMaj y;
    private DMatrixRMaj dX;

    Elementwise(String name) {
        this.name = name;
        this.label = getClass().getSimpleName() + " '" + name + "'";
    }

    /** y[k] = f(x[k]) for k in [0, length). */
    abstract void apply(double[] x, double[] y, int length);

    /** dx[k] = dy[k] * f'(x[k]), given y[k] = f(x[k]). */
    abstract void derivative(double[] x, double[] y, double[] dy, double[] dx, int length);

    @Override
    public final DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
        if (x == null) {
            throw new IllegalArgumentException(this + ": input is null");
        }
        this.x = x;
        y = Shapes.reuse(y, x.numRows, x.numCols);
        apply(x.data, y.data, x.getNumElements());
        return y;
    }

    @Override
    public final DMatrixRMaj backward(DMatrixRMaj dY) {
        Shapes.requireForward(toString(), x);
        Shapes.requireSameShape(toString(), "dY", dY, x.numRows, x.numCols);
        dX = Shapes.reuse(dX, x.numRows, x.numCols);
        derivative(x.data, y.data, dY.data, dX.data, x.getNumElements());
        return dX;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public String toString() {
        return label;
    }
}
