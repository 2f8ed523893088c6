package org.bnkit.train;

import org.bnkit.nn.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class SgdTest {

    private static Parameter parameter(String name, double[] value, double[] grad) {
        Parameter p = new Parameter(name, new DMatrixRMaj(1, value.length, true, value));
        System.arraycopy(grad, 0, p.grad().data, 0, grad.length);
        return p;
    }

    @Test
    void plainStepIsWeightMinusRateTimesGradient() {
        Parameter p = parameter("w", new double[] {1, 2, 3, 4, 5}, new double[] {0.5, -1, 0, 2, 1});
        assertNull(new Sgd(0.1).step(List.of(p)));
        assertArrayEquals(new double[] {0.95, 2.1, 3, 3.8, 4.9}, p.value().data, 1e-15);
    }

    @Test
    void momentumKeepsAVelocityPerParameter() {
        Parameter p = parameter("w", new double[] {1, 1}, new double[] {1, -2});
        Sgd sgd = new Sgd(0.1, 0.9);
        sgd.step(List.of(p));   // v = g
        sgd.step(List.of(p));   // v = 0.9 g + g
        assertArrayEquals(new double[] {1 - 0.1 * 1 - 0.1 * 1.9, 1 + 0.1 * 2 + 0.1 * 3.8}, p.value().data, 1e-15);
    }

    @Test
    void reportsTheFirstParameterThatIsNoLongerFinite() {
        // the non-finite entry sits in the remainder after the groups of four, and in a later parameter
        Parameter ok = parameter("ok", new double[] {1, 2, 3}, new double[] {1, 1, 1});
        Parameter bad = parameter("bad", new double[] {1, 2, 3, 4, 5, 6}, new double[] {0, 0, 0, 0, Double.NaN, 0});
        Parameter worse = parameter("worse", new double[] {1}, new double[] {Double.POSITIVE_INFINITY});
        assertSame(bad, new Sgd(0.1).step(List.of(ok, bad, worse)));
        Parameter huge = parameter("huge", new double[] {Double.MAX_VALUE, 0, 0, 0}, new double[] {-Double.MAX_VALUE, 0, 0, 0});
        assertSame(huge, new Sgd(1.0).step(List.of(huge)));
    }
}
