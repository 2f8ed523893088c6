package org.bnkit.nn;

import org.bnkit.check.GradientCheck;
import org.bnkit.check.Tolerances;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearTest {

    @Test
    void forwardEqualsEjmlProductPlusBias() {
        Linear fc = new Linear("fc", 7, 5, Init.gaussian(1.0), new Random(1));
        fc.bias().value().data[2] = 0.5;
        DMatrixRMaj x = TestData.gaussian(4, 7, 0, 1, 2);
        x.data[3] = 0.0; // exercises the skipped-zero path
        DMatrixRMaj expected = new DMatrixRMaj(4, 5);
        CommonOps_DDRM.mult(x, fc.weight().value(), expected);
        for (int r = 0; r < 4; r++) {
            for (int j = 0; j < 5; j++) {
                expected.data[r * 5 + j] += fc.bias().value().data[j];
            }
        }
        assertArrayEquals(expected.data, fc.forward(x, Mode.TRAIN).data, 1e-14);
    }

    @Test
    void backwardEqualsEjmlProducts() {
        Linear fc = new Linear("fc", 6, 3, Init.gaussian(1.0), new Random(3));
        DMatrixRMaj x = TestData.gaussian(5, 6, 0, 1, 4);
        DMatrixRMaj g = TestData.gaussian(5, 3, 0, 1, 5);
        fc.forward(x, Mode.TRAIN);
        DMatrixRMaj dX = fc.backward(g);
        DMatrixRMaj expectedDX = new DMatrixRMaj(5, 6);
        CommonOps_DDRM.multTransB(g, fc.weight().value(), expectedDX);
        DMatrixRMaj expectedDW = new DMatrixRMaj(6, 3);
        CommonOps_DDRM.multTransA(x, g, expectedDW);
        assertArrayEquals(expectedDX.data, dX.data, 1e-13);
        assertArrayEquals(expectedDW.data, fc.weight().grad().data, 1e-13);
    }

    @Test
    void sparseBinaryInputsGiveTheEjmlProducts() {
        // binarized-MNIST-like inputs: mostly zeros, an all-zero row and column, the last entry set;
        // 10 outputs take the dense product on the Vector API's loops, 100 the sparse one on both
        for (int outputs : new int[] {10, 100}) {
            Linear fc = new Linear("fc", 784, outputs, Init.xavier(), new Random(8));
            DMatrixRMaj x = org.bnkit.data.Synthetic.binaryImages(12, 0.2, 9).x();
            Arrays.fill(x.data, 0, 784, 0.0);
            for (int r = 0; r < 12; r++) {
                x.data[r * 784 + 5] = 0.0;
            }
            x.data[x.data.length - 1] = 1.0;
            DMatrixRMaj g = TestData.gaussian(12, outputs, 0, 1, 10);
            DMatrixRMaj y = fc.forward(x, Mode.TRAIN);
            DMatrixRMaj expectedY = new DMatrixRMaj(12, outputs);
            CommonOps_DDRM.mult(x, fc.weight().value(), expectedY);
            assertArrayEquals(expectedY.data, y.data, 1e-13);
            fc.backwardToParameters(g);
            DMatrixRMaj expectedDW = new DMatrixRMaj(784, outputs);
            CommonOps_DDRM.multTransA(x, g, expectedDW);
            assertArrayEquals(expectedDW.data, fc.weight().grad().data, 1e-13);
        }
    }

    @Test
    void gradientCheckWithAndWithoutBias() {
        for (boolean bias : new boolean[] {true, false}) {
            Linear fc = new Linear("fc", 8, 5, Init.xavier(), new Random(6), bias);
            GradientCheck.Result r = GradientCheck.layer(fc, TestData.gaussian(4, 8, 0, 1, 7), Mode.TRAIN, 8);
            assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
            assertEquals(bias ? 3 : 2, r.tensors().size());
        }
    }

    @Test
    void gradientsAccumulateUntilZeroed() {
        Linear fc = new Linear("fc", 3, 2, Init.gaussian(1.0), new Random(9));
        DMatrixRMaj x = TestData.gaussian(2, 3, 0, 1, 10);
        DMatrixRMaj g = TestData.gaussian(2, 2, 0, 1, 11);
        fc.forward(x, Mode.TRAIN);
        fc.backward(g);
        double[] once = fc.weight().grad().data.clone();
        fc.backward(g);
        for (int k = 0; k < once.length; k++) {
            assertEquals(2 * once[k], fc.weight().grad().data[k], 1e-15);
        }
        fc.weight().zeroGrad();
        assertArrayEquals(new double[6], fc.weight().grad().data);
    }

    @Test
    void backwardToParametersSkipsInputGradientButMatchesParameterGradients() {
        Linear a = new Linear("a", 4, 3, Init.gaussian(1.0), new Random(12));
        Linear b = Linear.withWeights("b", a.weight().value(), a.bias().value());
        DMatrixRMaj x = TestData.gaussian(3, 4, 0, 1, 13);
        DMatrixRMaj g = TestData.gaussian(3, 3, 0, 1, 14);
        a.forward(x, Mode.TRAIN);
        a.backward(g);
        b.forward(x, Mode.TRAIN);
        b.backwardToParameters(g);
        assertArrayEquals(a.weight().grad().data, b.weight().grad().data, 0.0);
        assertArrayEquals(a.bias().grad().data, b.bias().grad().data, 0.0);
    }

    @Test
    void wrongInputWidthNamesLayerShapesAndFix() {
        Linear fc = new Linear("fc2", 100, 10, Init.xavier(), new Random(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fc.forward(new DMatrixRMaj(60, 784), Mode.TRAIN));
        assertTrue(e.getMessage().contains("fc2"), e.getMessage());
        assertTrue(e.getMessage().contains("100 columns"), e.getMessage());
        assertTrue(e.getMessage().contains("(60, 784)"), e.getMessage());
    }

    @Test
    void backwardBeforeForwardAndWrongGradientShapeAreClearErrors() {
        Linear fc = new Linear("fc", 3, 2, Init.xavier(), new Random(1));
        IllegalStateException before = assertThrows(IllegalStateException.class, () -> fc.backward(new DMatrixRMaj(1, 2)));
        assertTrue(before.getMessage().contains("before forward"));
        fc.forward(new DMatrixRMaj(4, 3), Mode.TRAIN);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> fc.backward(new DMatrixRMaj(4, 3)));
        assertTrue(shape.getMessage().contains("(4, 2)"), shape.getMessage());
    }

    @Test
    void initialisationsHaveTheirStandardDeviations() {
        double xavier = std(new Linear("x", 400, 200, Init.xavier(), new Random(1)));
        double he = std(new Linear("h", 400, 200, Init.he(), new Random(2)));
        double g = std(new Linear("g", 400, 200, Init.gaussian(0.3), new Random(3)));
        assertEquals(Math.sqrt(2.0 / 600), xavier, 0.01 * xavier);
        assertEquals(Math.sqrt(2.0 / 400), he, 0.01 * he);
        assertEquals(0.3, g, 0.003);
    }

    @Test
    void sameSeedSameWeights() {
        Linear a = new Linear("a", 10, 4, Init.he(), new Random(42));
        Linear b = new Linear("b", 10, 4, Init.he(), new Random(42));
        Linear c = new Linear("c", 10, 4, Init.he(), new Random(43));
        assertArrayEquals(a.weight().value().data, b.weight().value().data, 0.0);
        assertFalse(Arrays.equals(a.weight().value().data, c.weight().value().data));
    }

    @Test
    void layerWithoutBiasHasOnlyWeights() {
        Linear fc = new Linear("fc", 3, 2, Init.xavier(), new Random(1), false);
        assertFalse(fc.hasBias());
        assertEquals(1, fc.parameters().size());
        assertThrows(IllegalStateException.class, fc::bias);
        assertEquals(1, Linear.withWeights("w", fc.weight().value(), null).parameters().size());
    }

    private static double std(Linear fc) {
        double[] w = fc.weight().value().data;
        double s = 0, s2 = 0;
        for (double v : w) {
            s += v;
            s2 += v * v;
        }
        double mean = s / w.length;
        return Math.sqrt(s2 / w.length - mean * mean);
    }
}
