package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the normalization layers share: gamma = 1 and beta = 0 at the start, and the same guards with the same messages. */
class NormalizationTest {

    private static List<Normalization> family(double eps) {
        return List.of(BatchNorm.builder(4).name("bn").eps(eps).build(),
                BatchRenorm.builder(4).name("brn").eps(eps).build(),
                LpBatchNorm.builder(4, 2).name("lp").eps(eps).build(),
                new LayerNorm("ln", 4, eps));
    }

    @Test
    void everyLayerStartsAsTheIdentityAffineMap() {
        for (Normalization layer : family(1e-5)) {
            for (int j = 0; j < 4; j++) {
                assertEquals(1.0, layer.gamma().value().get(0, j), 0.0, layer.toString());
                assertEquals(0.0, layer.beta().value().get(0, j), 0.0, layer.toString());
            }
            assertEquals(List.of(layer.gamma(), layer.beta()), layer.parameters());
            assertEquals(1e-5, layer.eps(), 0.0);
        }
    }

    /** A constant feature (a constant example, for layer norm) with eps = 0 would divide 0 by 0: every layer says so. */
    @Test
    void aConstantFeatureWithEpsZeroIsRefusedByEveryLayer() {
        DMatrixRMaj x = TestData.gaussian(6, 4, 0, 1, 1);
        for (int r = 0; r < 6; r++) {
            x.data[r * 4 + 2] = 0.0;
        }
        x.data[4 * 4] = x.data[4 * 4 + 1] = x.data[4 * 4 + 2] = x.data[4 * 4 + 3] = 0.0;
        for (Normalization layer : family(0.0)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.forward(x, Mode.TRAIN),
                    layer.toString());
            String unit = layer instanceof LayerNorm ? "example 4 is constant" : "feature 2 is constant";
            assertTrue(e.getMessage().startsWith(layer.toString()) && e.getMessage().contains(unit)
                    && e.getMessage().contains("eps > 0"), e.getMessage());
        }
        for (Normalization layer : family(1e-5)) {
            DMatrixRMaj y = layer.forward(x, Mode.TRAIN);
            for (double v : y.data) {
                assertTrue(Double.isFinite(v), layer.toString());
            }
        }
    }

    @Test
    void aReshapedGammaIsCaughtByEveryLayer() {
        DMatrixRMaj x = TestData.gaussian(6, 4, 0, 1, 2);
        for (Normalization layer : family(1e-5)) {
            layer.gamma().value().reshape(2, 2);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> layer.forward(x, Mode.TRAIN));
            assertTrue(e.getMessage().contains(layer.name() + ".gamma has shape (2, 2), expected (1, 4)"), e.getMessage());
        }
    }

    @Test
    void badEpsIsRejectedAlikeByEveryBuilder() {
        for (double eps : new double[] {-1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
            for (Runnable build : List.<Runnable>of(() -> BatchNorm.builder(2).eps(eps), () -> BatchRenorm.builder(2).eps(eps),
                    () -> LpBatchNorm.builder(2, 1).eps(eps), () -> new LayerNorm("ln", 2, eps))) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
                assertTrue(e.getMessage().contains("eps must be a finite number >= 0, got " + eps), e.getMessage());
            }
        }
    }

    @Test
    void aBatchOfOneInTrainingModeIsRefusedByEveryBatchLayer() {
        DMatrixRMaj one = TestData.gaussian(1, 4, 0, 1, 3);
        for (Normalization layer : family(1e-5).subList(0, 3)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.forward(one, Mode.TRAIN));
            assertTrue(e.getMessage().contains("batch of 1 example") && e.getMessage().contains("Mode.EVAL"), e.getMessage());
        }
    }
}
