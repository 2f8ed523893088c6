package org.bnkit.check;

/**
 * The kit's numerical tolerances, in one place. Tests and notebook check cells use these names
 * rather than literals.
 */
public final class Tolerances {
    private Tolerances() {
    }

    /** Step h of the textbook central difference (f(w + h) - f(w - h)) / 2h in float64. */
    public static final double FINITE_DIFFERENCE_STEP = 1e-5;

    /** Step h of the fourth-order central difference used by {@link GradientCheck}. */
    public static final double FOURTH_ORDER_STEP = 1e-3;

    /**
     * Largest accepted relative error of an analytic gradient against the fourth-order central
     * difference: its truncation error is O(h^4) = 1e-12 and its rounding error about
     * 1e-13 |f|, so a correct backward pass lands near 1e-9 or below and a wrong one far above
     * 1e-7.
     */
    public static final double GRADIENT_CHECK = 1e-7;

    /** Agreement with the PyTorch fixtures (float64 both sides). */
    public static final double REFERENCE = 1e-10;

    /** Folded against unfolded evaluation-mode BN: the same affine map computed in another order. */
    public static final double FOLDING = 1e-12;

    /** An invariant that holds exactly in real arithmetic, checked in float64 (e.g. sum_i dL/dx_i = 0). */
    public static final double INVARIANT = 1e-10;
}
