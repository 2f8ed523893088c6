package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * A residual block (He et al. 2016): {@code y = x + F(x)}, with F a layer (usually a
 * {@link Sequential}) whose output has the shape of its input.
 * <pre>
 *   y = x + F(x)        dX = dY + dF/dx^T dY
 * </pre>
 * The identity path carries dY to the input unchanged, whatever F does to it. Yang et al. (2019)
 * show that a deep BN network without such paths has gradients that explode with depth at
 * initialisation; notebook 09 measures this with and without the blocks. Holding the block
 * ({@link #hold()}) holds F if F has state.
 */
public final class Residual implements StatefulLayer {
    private final String name;
    private final Layer body;
    private DMatrixRMaj y;
    private DMatrixRMaj dX;

    /**
     * @param name readable name, e.g. {@code "block1"}
     * @param body F; its output must have the shape of its input
     */
    public Residual(String name, Layer body) {
        this.name = name;
        this.body = body;
    }

    /** F. */
    public Layer body() {
        return body;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
        if (x == null) {
            throw new IllegalArgumentException(this + ": input is null");
        }
        DMatrixRMaj f = body.forward(x, mode);
        if (f.numRows != x.numRows || f.numCols != x.numCols) {
            throw new IllegalArgumentException(this + ": the body maps the input " + Shapes.of(x) + " to " + Shapes.of(f)
                    + "; y = x + F(x) needs F's output to have the input's shape. Make F's last layer output "
                    + x.numCols + " features.");
        }
        y = Shapes.reuse(y, x.numRows, x.numCols);
        // y = x + F(x)
        for (int e = 0; e < x.getNumElements(); e++) {
            y.data[e] = x.data[e] + f.data[e];
        }
        return y;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        Shapes.requireGradientOf(toString(), y, dY);
        DMatrixRMaj dF = body.backward(dY);
        dX = Shapes.reuse(dX, dY.numRows, dY.numCols);
        // dX = dY + dL/dx through F
        for (int e = 0; e < dY.getNumElements(); e++) {
            dX.data[e] = dY.data[e] + dF.data[e];
        }
        return dX;
    }

    @Override
    public void backwardToParameters(DMatrixRMaj dY) {
        Shapes.requireGradientOf(toString(), y, dY);
        body.backwardToParameters(dY);
    }

    @Override
    public List<Parameter> parameters() {
        return body.parameters();
    }

    @Override
    public Hold hold() {
        return body instanceof StatefulLayer stateful ? stateful.hold() : () -> { };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Residual '" + name + "' (x + " + body.name() + "(x))";
    }
}
