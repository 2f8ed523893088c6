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
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);
    private static final DoubleVector LOG2_E = DoubleVector.broadcast(S, Exponential.LOG2_E);
    private static final DoubleVector SHIFTER = DoubleVector.broadcast(S, Exponential.SHIFTER);
    private static final DoubleVector LN2_HI = DoubleVector.broadcast(S, Exponential.LN2_HI);
    private static final DoubleVector LN2_LO = DoubleVector.broadcast(S, Exponential.LN2_LO);
    private static final DoubleVector TAYLOR_13 = DoubleVector.broadcast(S, Exponential.TAYLOR_13);
    private static final DoubleVector TAYLOR_12 = DoubleVector.broadcast(S, Exponential.TAYLOR_12);
    private static final DoubleVector TAYLOR_11 = DoubleVector.broadcast(S, Exponential.TAYLOR_11);
    private static final DoubleVector TAYLOR_10 = DoubleVector.broadcast(S, Exponential.TAYLOR_10);
    private static final DoubleVector TAYLOR_9 = DoubleVector.broadcast(S, Exponential.TAYLOR_9);
    private static final DoubleVector TAYLOR_8 = DoubleVector.broadcast(S, Exponential.TAYLOR_8);
    private static final DoubleVector TAYLOR_7 = DoubleVector.broadcast(S, Exponential.TAYLOR_7);
    private static final DoubleVector TAYLOR_6 = DoubleVector.broadcast(S, Exponential.TAYLOR_6);
    private static final DoubleVector TAYLOR_5 = DoubleVector.broadcast(S, Exponential.TAYLOR_5);
    private static final DoubleVector TAYLOR_4 = DoubleVector.broadcast(S, Exponential.TAYLOR_4);
    private static final DoubleVector TAYLOR_3 = DoubleVector.broadcast(S, Exponential.TAYLOR_3);
    private static final DoubleVector TAYLOR_2 = DoubleVector.broadcast(S, Exponential.TAYLOR_2);

    private VectorExponential() {
    }

    /**
     * {@code y = e^x} or {@code y = 1 / (1 + e^-x)}, {@link Exponential}'s steps lane by lane. One
     * method with the vectors inside it: C2 compiles vector code into registers only where it sees
     * where each vector comes from, which a vector passed to a method it does not inline hides.
     */
    static void expOrSigmoid(double[] x, double[] y, int length, boolean sigmoid) {
        final double sign = sigmoid ? -1.0 : 1.0;
        int i = 0;
        for (; i + L <= length; i += L) {
            final DoubleVector v = DoubleVector.fromArray(S, x, i);
            final DoubleVector z = v.mul(sign).max(Exponential.MIN).min(Exponential.MAX);
            final DoubleVector shifted = z.fma(LOG2_E, SHIFTER);
            final DoubleVector negK = SHIFTER.sub(shifted);
            final DoubleVector r = negK.fma(LN2_LO, negK.fma(LN2_HI, z));
            DoubleVector p = TAYLOR_13.fma(r, TAYLOR_12);
            p = p.fma(r, TAYLOR_11);
            p = p.fma(r, TAYLOR_10);
            p = p.fma(r, TAYLOR_9);
            p = p.fma(r, TAYLOR_8);
            p = p.fma(r, TAYLOR_7);
            p = p.fma(r, TAYLOR_6);
            p = p.fma(r, TAYLOR_5);
            p = p.fma(r, TAYLOR_4);
            p = p.fma(r, TAYLOR_3);
            p = p.fma(r, TAYLOR_2);
            p = p.fma(r, ONE);
            p = p.fma(r, ONE);
            final LongVector k = shifted.reinterpretAsLongs().sub(Exponential.SHIFTER_BITS);
            final LongVector half = k.lanewise(VectorOperators.ASHR, 1);
            final DoubleVector e = p.mul(half.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                    .mul(k.sub(half).add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
            (sigmoid ? ONE.div(ONE.add(e)) : e).intoArray(y, i);
        }
        for (; i < length; i++) {
            final double e = Exponential.exp(sign * x[i]);
            y[i] = sigmoid ? 1.0 / (1.0 + e) : e;
        }
    }
}
