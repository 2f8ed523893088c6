package org.bnkit.check;

import org.bnkit.nn.Layer;
import org.bnkit.nn.Mode;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientCheckTest {

    /** y = x^2 with a backward pass that is wrong by a factor (1 + error). */
    private static Layer square(double error) {
        return new Layer() {
            private DMatrixRMaj x;

            @Override
            public DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
                this.x = x;
                DMatrixRMaj y = x.copy();
                for (int k = 0; k < y.getNumElements(); k++) {
                    y.data[k] = x.data[k] * x.data[k];
                }
                return y;
            }

            @Override
            public DMatrixRMaj backward(DMatrixRMaj dY) {
                DMatrixRMaj dX = dY.copy();
                for (int k = 0; k < dX.getNumElements(); k++) {
                    dX.data[k] = dY.data[k] * 2 * x.data[k] * (1 + error);
                }
                return dX;
            }

            @Override
            public String name() {
                return "square";
            }
        };
    }

    @Test
    void correctBackwardPassesAndWrongOneFails() {
        DMatrixRMaj x = new DMatrixRMaj(2, 3, true, 0.5, -1.0, 2.0, 0.1, 3.0, -0.7);
        assertTrue(GradientCheck.layer(square(0), x, Mode.TRAIN, 1).passes(Tolerances.GRADIENT_CHECK));
        GradientCheck.Result wrong = GradientCheck.layer(square(1e-5), x, Mode.TRAIN, 1);
        assertFalse(wrong.passes(Tolerances.GRADIENT_CHECK));
        assertThrows(AssertionError.class, wrong::requirePasses);
    }

    @Test
    void differencesOfAChosenStepHaveTheirOrder() {
        double[] w = {0.3};
        java.util.function.DoubleSupplier f = () -> Math.exp(w[0]);   // every derivative is exp(0.3)
        double exact = Math.exp(0.3);
        // leading truncation errors: h^2 f'''(w) / 6 for two points, -h^4 f^(5)(w) / 30 for four
        assertEquals(exact * 1e-4 / 6, GradientCheck.centralDifference(f, w, 0, 1e-2) - exact, exact * 1e-7);
        assertEquals(-exact * 1e-8 / 30, GradientCheck.numericalDerivative(f, w, 0, 1e-2) - exact, exact * 1e-10);
        assertEquals(0.3, w[0]);
        assertEquals(GradientCheck.numericalDerivative(f, w, 0, Tolerances.FOURTH_ORDER_STEP),
                GradientCheck.numericalDerivative(f, w, 0));
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.centralDifference(f, w, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.numericalDerivative(f, w, 0, -1e-3));
    }

    @Test
    void relativeErrorIsScaleFree() {
        assertEquals(0.0, GradientCheck.relativeError(0, 0));
        assertEquals(0.5, GradientCheck.relativeError(1, 2), 1e-15);
        assertEquals(GradientCheck.relativeError(1e-6, 2e-6), GradientCheck.relativeError(1, 2), 1e-15);
    }
}
