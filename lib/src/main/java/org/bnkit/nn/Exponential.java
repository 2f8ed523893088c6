package org.bnkit.nn;

/**
 * The exponential function written as a short sequence of multiply-adds, so that the plain Java
 * loops ({@link ScalarDenseKernels}) and the Vector API's ({@link VectorDenseKernels}) can compute
 * it with the same operations in the same order and get the same bits. ({@code Math.exp} has no
 * vector form with its exact results, and the Vector API's own {@code EXP} rounds differently.)
 *
 * <p>The method is the textbook one: write {@code x = k ln 2 + r} with k an integer and
 * {@code |r| <= ln(2)/2}, so that {@code e^x = 2^k e^r}; take {@code e^r} from its Taylor series
 * to degree 13 (the first omitted term is below {@code 0.347^14 / 14! = 4e-18}); multiply by
 * {@code 2^k} built directly from its bits. The result is within about one unit in the last
 * place of the true value for normal results (the tests compare it with {@code Math.exp}).
 *
 * <ul>
 *   <li>{@code k = round(x / ln 2)}: adding {@link #SHIFTER} (1.5 * 2^52) rounds to an integer,
 *       which then sits in the low bits of the sum (so k as a long needs no conversion
 *       instruction); subtracting the sum from it gives -k as a double, exactly.
 *   <li>{@code r = x - k ln 2} in two steps (Cody and Waite): {@link #LN2_HI} is ln 2 rounded to
 *       a double and {@link #LN2_LO} the rest, so r keeps its low bits.
 *   <li>{@code 2^k = 2^(k/2) 2^(k - k/2)} (integer halves): two factors, so that results near
 *       the ends of the double range (k up to 1025 and down to -1077) are still formed
 *       correctly; x is first clamped to [-746, 710], beyond which e^x rounds to 0 or infinity
 *       anyway. NaN stays NaN.
 * </ul>
 */
final class Exponential {
    /** Clamp of the argument: e^-746 rounds to 0 and e^710 to infinity. */
    static final double MIN = -746.0;
    static final double MAX = 710.0;
    static final double LOG2_E = 1.4426950408889634;
    static final double SHIFTER = 0x1.8p52;
    /** The bits of SHIFTER: the bits of {@code SHIFTER + k} minus these are k, for |k| < 2^51. */
    static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    static final double LN2_HI = 0x1.62e42fefa39efp-1;
    static final double LN2_LO = 0x1.abc9e3b39803fp-56;
    /** 1/n! for n = 13, 12, ..., 2, the Taylor coefficients of e^r (those of n = 1 and 0 are 1). */
    static final double TAYLOR_13 = 1.0 / 6227020800.0;
    static final double TAYLOR_12 = 1.0 / 479001600.0;
    static final double TAYLOR_11 = 1.0 / 39916800.0;
    static final double TAYLOR_10 = 1.0 / 3628800.0;
    static final double TAYLOR_9 = 1.0 / 362880.0;
    static final double TAYLOR_8 = 1.0 / 40320.0;
    static final double TAYLOR_7 = 1.0 / 5040.0;
    static final double TAYLOR_6 = 1.0 / 720.0;
    static final double TAYLOR_5 = 1.0 / 120.0;
    static final double TAYLOR_4 = 1.0 / 24.0;
    static final double TAYLOR_3 = 1.0 / 6.0;
    static final double TAYLOR_2 = 0.5;

    private Exponential() {
    }

    /**
     * e^x, the scalar form, for single values and the last entries of a vector loop; the loops
     * of {@link ScalarDenseKernels} and {@link VectorDenseKernels} do the same operations.
     */
    static double exp(double x) {
        final double z = Math.min(Math.max(x, MIN), MAX);
        final double shifted = Math.fma(z, LOG2_E, SHIFTER);
        final double negK = SHIFTER - shifted;
        final double r = Math.fma(negK, LN2_LO, Math.fma(negK, LN2_HI, z));
        double q = Math.fma(TAYLOR_13, r, TAYLOR_12);
        q = Math.fma(q, r, TAYLOR_11);
        q = Math.fma(q, r, TAYLOR_10);
        q = Math.fma(q, r, TAYLOR_9);
        q = Math.fma(q, r, TAYLOR_8);
        q = Math.fma(q, r, TAYLOR_7);
        q = Math.fma(q, r, TAYLOR_6);
        q = Math.fma(q, r, TAYLOR_5);
        q = Math.fma(q, r, TAYLOR_4);
        q = Math.fma(q, r, TAYLOR_3);
        q = Math.fma(q, r, TAYLOR_2);
        q = Math.fma(q, r, 1.0);
        final double p = Math.fma(q, r, 1.0);
        final long k = Double.doubleToRawLongBits(shifted) - SHIFTER_BITS;
        final long half = k >> 1;
        return p * Double.longBitsToDouble((half + 1023) << 52) * Double.longBitsToDouble((k - half + 1023) << 52);
    }
}
