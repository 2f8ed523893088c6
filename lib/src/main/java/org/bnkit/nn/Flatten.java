package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * The step from feature maps to features: {@code (N, C, H, W) -> (N, C*H*W)}.
 *
 * <p>The kit already stores feature maps as rows of {@code C*H*W} values in NCHW order (see
 * {@link MapShape}), so the entries do not move: {@code y = x} and {@code dX = dY}. What the layer
 * adds is the check that the maps have the shape the next layer was built for, and a name in the
 * network's listing where a convnet turns into a classifier.
 */
public final class Flatten implements Layer {
    private final String name;
    private final MapShape shape;
    private DMatrixRMaj y;
    private DMatrixRMaj dX;

    /** Flattens maps of the given shape. */
    public Flatten(String name, MapShape shape) {
        this.name = name;
        this.shape = shape;
    }

    /** Flattens maps of shape (C, H, W), named {@code "flatten"}. */
    public Flatten(MapShape shape) {
        this("flatten", shape);
    }

    /** The input shape (C, H, W). */
    public MapShape shape() {
        return shape;
    }

    /** C * H * W, the number of features of the output. */
    public int outputs() {
        return shape.size();
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
        shape.require(toString(), "input", x);
        y = Shapes.reuse(y, x.numRows, x.numCols);
        System.arraycopy(x.data, 0, y.data, 0, x.getNumElements());
        return y;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        Shapes.requireGradientOf(toString(), y, dY);
        dX = Shapes.reuse(dX, dY.numRows, dY.numCols);
        System.arraycopy(dY.data, 0, dX.data, 0, dY.getNumElements());
        return dX;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Flatten '" + name + "' " + shape + " -> " + shape.size();
    }
}
