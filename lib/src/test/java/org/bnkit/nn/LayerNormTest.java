package org.bnkit.nn;

import org.bnkit.check.GradientCheck;
import org.bnkit.check.Tolerances;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerNormTest {

    private static LayerNorm withAffine(int h, long seed) {
        LayerNorm ln = new LayerNorm("ln", h);
        Random rng = new Random(seed);
        for (int j = 0; j < h; j++) {
            ln.gamma().value().data[j] = 0.5 + rng.nextDouble();
            ln.beta().value().data[j] = rng.nextGaussian();
        }
        return ln;
    }

    @Test
    void eachRowHasMeanZeroAndVarianceOneBeforeGammaAndBeta() {
        LayerNorm ln = new LayerNorm("ln", 12, 0.0);
        DMatrixRMaj x = TestData.gaussian(5, 12, 3.0, 2.0, 1);
        DMatrixRMaj y = ln.forward(x, Mode.TRAIN);
        for (int r = 0; r < 5; r++) {
            double mean = 0, sq = 0;
            for (int j = 0; j < 12; j++) {
                mean += y.data[r * 12 + j] / 12;
                sq += y.data[r * 12 + j] * y.data[r * 12 + j] / 12;
            }
            assertEquals(0.0, mean, Tolerances.INVARIANT);
            assertEquals(1.0, sq, Tolerances.INVARIANT);
        }
    }

    @Test
    void outputOfAnExampleDoesNotDependOnTheRestOfTheBatchOrTheMode() {
        LayerNorm ln = withAffine(6, 2);
        DMatrixRMaj batch = TestData.gaussian(8, 6, 1.0, 3.0, 3);
        double[] inBatch = new double[6];
        System.arraycopy(ln.forward(batch, Mode.TRAIN).data, 3 * 6, inBatch, 0, 6);
        DMatrixRMaj alone = new DMatrixRMaj(1, 6);
        System.arraycopy(batch.data, 3 * 6, alone.data, 0, 6);
        assertArrayEquals(inBatch, ln.forward(alone, Mode.EVAL).data, 1e-15);
    }

    @Test
    void matchesTheFormulaWithGammaAndBeta() {
        LayerNorm ln = withAffine(5, 4);
        DMatrixRMaj x = TestData.gaussian(3, 5, -2.0, 0.5, 5);
        DMatrixRMaj y = ln.forward(x, Mode.TRAIN);
        for (int r = 0; r < 3; r++) {
            double mu = 0, var = 0;
            for (int j = 0; j < 5; j++) {
                mu += x.data[r * 5 + j] / 5;
            }
            for (int j = 0; j < 5; j++) {
                var += Math.pow(x.data[r * 5 + j] - mu, 2) / 5;
            }
            for (int j = 0; j < 5; j++) {
                double expected = ln.gamma().value().data[j] * (x.data[r * 5 + j] - mu) / Math.sqrt(var + LayerNorm.DEFAULT_EPS)
                        + ln.beta().value().data[j];
                assertEquals(expected, y.data[r * 5 + j], 1e-13);
            }
        }
    }

    @Test
    void passesGradientCheck() {
        LayerNorm ln = withAffine(7, 6);
        GradientCheck.Result r = GradientCheck.layer(ln, TestData.gaussian(4, 7, 0.5, 2.0, 7), Mode.TRAIN, 8);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
        assertEquals(3, r.tensors().size());
    }

    @Test
    void passesGradientCheckOnASingleExample() {
        LayerNorm ln = withAffine(4, 9);
        GradientCheck.Result r = GradientCheck.layer(ln, TestData.gaussian(1, 4, 0, 1, 10), Mode.EVAL, 11);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
    }

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        LayerNorm ln = withAffine(3, 12);
        DMatrixRMaj x = TestData.gaussian(4, 3, 0, 1, 13), g = TestData.gaussian(4, 3, 0, 1, 14);
        ln.forward(x, Mode.TRAIN);
        ln.backward(g);
        double[] once = ln.gamma().grad().data.clone();
        ln.backward(g);
        for (int j = 0; j < 3; j++) {
            assertEquals(2 * once[j], ln.gamma().grad().data[j], 1e-14);
        }
    }

    @Test
    void badSettingsAndShapesAreClearErrors() {
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> new LayerNorm("ln1", 1));
        assertTrue(one.getMessage().contains("at least 2 units"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm("ln", 4, -1));
        LayerNorm ln = new LayerNorm("ln2", 10);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> ln.forward(new DMatrixRMaj(3, 9), Mode.TRAIN));
        assertTrue(shape.getMessage().contains("ln2") && shape.getMessage().contains("10 columns"), shape.getMessage());
        IllegalStateException early = assertThrows(IllegalStateException.class, () -> new LayerNorm("ln3", 3).backward(new DMatrixRMaj(1, 3)));
        assertTrue(early.getMessage().contains("before forward"), early.getMessage());
    }
}
