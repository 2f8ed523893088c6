package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * The shape of one example's feature maps: C maps of H x W positions.
 *
 * <p>The kit keeps a mini-batch of feature maps in a row-major matrix {@code (N, C*H*W)}, one
 * example per row in NCHW order: entry {@code (n, c*H*W + i*W + j)} is position (i, j) of map c of
 * example n. This is the layout {@link BatchNorm.Builder#featureMaps} reads, and the row of a
 * mini-batch is at the same time the flattened vector a {@link Linear} layer takes.
 *
 * @param channels C
 * @param height   H
 * @param width    W
 */
public record MapShape(int channels, int height, int width) {

    public MapShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("MapShape: C, H and W must be >= 1, got (C, H, W) = (" + channels + ", "
                    + height + ", " + width + ")");
        }
    }

    /** H * W, the positions per map. */
    public int positions() {
        return height * width;
    }

    /** C * H * W, the columns of a mini-batch. */
    public int size() {
        return channels * height * width;
    }

    /**
     * Checks that {@code x} is a mini-batch {@code (N, C*H*W)} of this shape with N >= 1.
     *
     * @param layer the layer's label, for the message
     */
    void require(String layer, String what, DMatrixRMaj x) {
        if (x == null) {
            throw new IllegalArgumentException(layer + ": " + what + " is null");
        }
        if (x.numCols != size() || x.numRows == 0) {
            throw new IllegalArgumentException(layer + ": expected " + what + " of NCHW shape (N, " + channels + "*"
                    + height + "*" + width + ") = (N, " + size() + "), one example per row with N >= 1, got "
                    + Shapes.of(x) + ". Check the (C, H, W) the layer was built with against the previous layer's output.");
        }
    }

    @Override
    public String toString() {
        return "(" + channels + ", " + height + ", " + width + ")";
    }
}
