package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * Dropout (Srivastava et al. 2014) in the "inverted" form frameworks use: in training mode each
 * entry is kept with probability 1 - p and scaled by 1 / (1 - p), so that evaluation mode is the
 * identity.
 * <pre>
 *   training:   r ~ Bernoulli(1 - p) per entry,   y = x r / (1 - p),   dX = dY r / (1 - p)
 *   evaluation: y = x,                             dX = dY
 * </pre>
 * Section 3.4 of Ioffe &amp; Szegedy (2015) reports that BN, whose output for an example depends on
 * the rest of its mini-batch, lets dropout be reduced or removed; notebook 09 measures this.
 *
 * <p>The mask comes from the layer's own seeded random source. While the layer is
 * {@linkplain #hold() held}, training-mode passes reuse the last mask (a fixed mask, as the
 * gradient check and the probes need); a held layer with no mask of the right shape draws one.
 * Closing the hold puts back the mask and the random source as they were.
 */
public final class Dropout implements StatefulLayer {
    private final String name;
    private final double p;
    private final RandomSource rng;
    private final Holds holds = new Holds(this);

    private DMatrixRMaj mask;
    private boolean masked;
    private DMatrixRMaj y;
    private DMatrixRMaj dX;

    /**
     * @param name readable name, e.g. {@code "drop1"}
     * @param p    the probability of dropping an entry, in [0, 1)
     * @param seed seed of the masks
     */
    public Dropout(String name, double p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout '" + name + "': the drop probability p must be in [0, 1), got " + p
                    + " (p = 0.5 drops half the entries; p = 1 would drop everything)");
        }
        this.name = name;
        this.p = p;
        this.rng = new RandomSource(seed);
    }

    /** The drop probability p. */
    public double p() {
        return p;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
        if (x == null) {
            throw new IllegalArgumentException(this + ": input is null");
        }
        final int size = x.getNumElements();
        y = Shapes.reuse(y, x.numRows, x.numCols);
        masked = mode == Mode.TRAIN && p > 0;
        if (!masked) {
            System.arraycopy(x.data, 0, y.data, 0, size);
            return y;
        }
        boolean reuse = holds.any() && mask != null && mask.numRows == x.numRows && mask.numCols == x.numCols;
        if (!reuse) {
            // r / (1 - p) with r ~ Bernoulli(1 - p)
            mask = Shapes.reuse(mask, x.numRows, x.numCols);
            final double keep = 1.0 / (1.0 - p);
            for (int e = 0; e < size; e++) {
                mask.data[e] = rng.nextDouble() < p ? 0.0 : keep;
            }
        }
        for (int e = 0; e < size; e++) {
            y.data[e] = x.data[e] * mask.data[e];
        }
        return y;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        Shapes.requireGradientOf(toString(), y, dY);
        dX = Shapes.reuse(dX, dY.numRows, dY.numCols);
        final int size = dY.getNumElements();
        for (int e = 0; e < size; e++) {
            dX.data[e] = masked ? dY.data[e] * mask.data[e] : dY.data[e];
        }
        return dX;
    }

    /** The fraction of entries the last training-mode pass dropped (NaN before any). */
    public double droppedFraction() {
        if (mask == null) {
            return Double.NaN;
        }
        int zeros = 0;
        for (int e = 0; e < mask.getNumElements(); e++) {
            if (mask.data[e] == 0.0) {
                zeros++;
            }
        }
        return (double) zeros / mask.getNumElements();
    }

    /** Held training passes reuse the mask; closing the hold puts back the mask and the random source. */
    @Override
    public Hold hold() {
        final DMatrixRMaj savedMask = mask == null ? null : mask.copy();
        final boolean savedMasked = masked;
        final long savedRng = rng.state();
        return holds.open(() -> {
            mask = savedMask;
            masked = savedMasked;
            rng.restore(savedRng);
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Dropout '" + name + "' (p = " + p + ")";
    }
}
