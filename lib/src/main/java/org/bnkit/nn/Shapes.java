package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * Argument checks shared by the layers, with messages that name the layer, the expected and the
 * actual shape, and what to do.
 */
final class Shapes {
    private Shapes() {
    }

    /** Checks a number of features given to a builder: at least 1. */
    static int checkedFeatures(String layer, int features) {
        if (features < 1) {
            throw new IllegalArgumentException(layer + ": the number of features must be >= 1, got " + features);
        }
        return features;
    }

    static String of(DMatrixRMaj m) {
        return "(" + m.numRows + ", " + m.numCols + ")";
    }

    /** Checks that {@code x} has {@code columns} columns and at least one row. */
    static void requireColumns(String layer, String what, DMatrixRMaj x, int columns, String hint) {
        if (x == null) {
            throw new IllegalArgumentException(layer + ": " + what + " is null");
        }
        if (x.numCols != columns) {
            throw new IllegalArgumentException(layer + ": expected " + what + " with " + columns
                    + " columns (one row per example), got " + of(x) + ". " + hint);
        }
        if (x.numRows == 0) {
            throw new IllegalArgumentException(layer + ": " + what + " has no rows; pass at least one example");
        }
    }

    /** Checks that a gradient has the shape of the output it belongs to. */
    static void requireSameShape(String layer, String what, DMatrixRMaj actual, int rows, int cols) {
        if (actual == null) {
            throw new IllegalArgumentException(layer + ": " + what + " is null");
        }
        if (actual.numRows != rows || actual.numCols != cols) {
            throw new IllegalArgumentException(layer + ": expected " + what + " of shape (" + rows + ", "
                    + cols + ") to match the last forward output, got " + of(actual)
                    + ". Call backward with dL/dy of the output of the last forward call.");
        }
    }

    static void requireForward(String layer, Object state) {
        if (state == null) {
            throw new IllegalStateException(layer + ": backward called before forward. Run forward on a "
                    + "mini-batch first; backward differentiates the last forward call.");
        }
    }

    /**
     * The checks at the start of a backward pass of a layer whose output has the shape of its
     * input: forward ran ({@code last}, its last input or output, is set) and dY has that shape.
     */
    static void requireGradientOf(String layer, DMatrixRMaj last, DMatrixRMaj dY) {
        requireForward(layer, last);
        requireSameShape(layer, "dY", dY, last.numRows, last.numCols);
    }

    /**
     * Returns {@code buffer} if it already has the shape (rows, cols), else a new matrix. A
     * returned matrix's {@code data} array then always has exactly rows * cols entries, so that
     * {@code y.data.clone()} in a notebook copies the values and nothing else.
     */
    static DMatrixRMaj reuse(DMatrixRMaj buffer, int rows, int cols) {
        if (buffer != null && buffer.numRows == rows && buffer.numCols == cols && buffer.data.length == rows * cols) {
            return buffer;
        }
        return new DMatrixRMaj(rows, cols);
    }
}
