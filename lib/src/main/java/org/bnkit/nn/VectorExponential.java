package org.bnkit.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Exponential}'s e^x and the sigmoid {@code 1 / (1 + e^-x)} on the incubating Vector API, lane
 * by lane with the same steps as the scalar {@link Exponential#exp}, so the same bits.
 */
final class VectorExponential {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorExponential() {
    }

    /**
     * {@code y = e^x} or {@code y = 1 / (1 + e^-x)}, {@link Exponential}'s steps lane by lane. One
     * method with the vectors inside it: C2 compiles vector code into registers only where it sees
     * where each vector comes from, which a vector passed to a method it does not inline hides.
     *
     * <p>The constants are broadcast into registers once per call, not kept in static fields: a
     * vector constant lives in a double array, and C2 apparently reads it again after every store
     * into {@code y}, which could be the same array for all it knows (with static constants the
     * pass took 9.1 to 9.5 ns a register, 7.7 with these). The clamp of {@link Exponential#exp},
     * {@code min(max(z, MIN), MAX)}, is two blends: the same values (NaN compares false with
     * both bounds and stays NaN, and the bounds are far from the zeros whose sign
     * {@code max}/{@code min} would order), and 6.6 ns a register against 7.7, since C2 compiles
     * Java's {@code max} and {@code min} with extra steps for NaN and signed zeros. Measured
     * on 6,000 values, the size of one hidden layer's batch.
     */
    static void expOrSigmoid(double[] x, double[] y, int length, boolean sigmoid) {
        final double sign = sigmoid ? -1.0 : 1.0;
        final DoubleVector signs = DoubleVector.broadcast(S, sign);
        final DoubleVector min = DoubleVector.broadcast(S, Exponential.MIN);
        final DoubleVector max = DoubleVector.broadcast(S, Exponential.MAX);
        final DoubleVector log2E = DoubleVector.broadcast(S, Exponential.LOG2_E);
        final DoubleVector shifter = DoubleVector.broadcast(S, Exponential.SHIFTER);
        final DoubleVector ln2Hi = DoubleVector.broadcast(S, Exponential.LN2_HI);
        final DoubleVector ln2Lo = DoubleVector.broadcast(S, Exponential.LN2_LO);
        final DoubleVector taylor13 = DoubleVector.broadcast(S, Exponential.TAYLOR_13);
        final DoubleVector taylor12 = DoubleVector.broadcast(S, Exponential.TAYLOR_12);
        final DoubleVector taylor11 = DoubleVector.broadcast(S, Exponential.TAYLOR_11);
        final DoubleVector taylor10 = DoubleVector.broadcast(S, Exponential.TAYLOR_10);
        final DoubleVector taylor9 = DoubleVector.broadcast(S, Exponential.TAYLOR_9);
        final DoubleVector taylor8 = DoubleVector.broadcast(S, Exponential.TAYLOR_8);
        final DoubleVector taylor7 = DoubleVector.broadcast(S, Exponential.TAYLOR_7);
        final DoubleVector taylor6 = DoubleVector.broadcast(S, Exponential.TAYLOR_6);
        final DoubleVector taylor5 = DoubleVector.broadcast(S, Exponential.TAYLOR_5);
        final DoubleVector taylor4 = DoubleVector.broadcast(S, Exponential.TAYLOR_4);
        final DoubleVector taylor3 = DoubleVector.broadcast(S, Exponential.TAYLOR_3);
        final DoubleVector taylor2 = DoubleVector.broadcast(S, Exponential.TAYLOR_2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        int i = 0;
        for (; i + L <= length; i += L) {
            final DoubleVector u = DoubleVector.fromArray(S, x, i).mul(signs);
            final DoubleVector z = u.blend(min, u.lt(min)).blend(max, u.compare(VectorOperators.GT, max));
            final DoubleVector shifted = z.fma(log2E, shifter);
            final DoubleVector negK = shifter.sub(shifted);
            final DoubleVector r = negK.fma(ln2Lo, negK.fma(ln2Hi, z));
            DoubleVector p = taylor13.fma(r, taylor12);
            p = p.fma(r, taylor11);
            p = p.fma(r, taylor10);
            p = p.fma(r, taylor9);
            p = p.fma(r, taylor8);
            p = p.fma(r, taylor7);
            p = p.fma(r, taylor6);
            p = p.fma(r, taylor5);
            p = p.fma(r, taylor4);
            p = p.fma(r, taylor3);
            p = p.fma(r, taylor2);
            p = p.fma(r, one);
            p = p.fma(r, one);
            final LongVector k = shifted.reinterpretAsLongs().sub(Exponential.SHIFTER_BITS);
            final LongVector half = k.lanewise(VectorOperators.ASHR, 1);
            final DoubleVector e = p.mul(half.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                    .mul(k.sub(half).add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
            (sigmoid ? one.div(one.add(e)) : e).intoArray(y, i);
        }
        for (; i < length; i++) {
            final double e = Exponential.exp(sign * x[i]);
            y[i] = sigmoid ? 1.0 / (1.0 + e) : e;
        }
    }
}
