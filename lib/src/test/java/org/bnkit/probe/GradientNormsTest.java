package org.bnkit.probe;

import org.bnkit.data.Batch;
import org.bnkit.data.Synthetic;
import org.bnkit.nn.Init;
import org.bnkit.nn.Linear;
import org.bnkit.nn.Mlp;
import org.bnkit.nn.Mode;
import org.bnkit.nn.ReLU;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientNormsTest {

    @Test
    void normsAreTheFrobeniusNormsOfTheWeightGradientsAndTheModelIsUntouched() {
        Sequential model = ProbeNets.bn();
        Batch batch = ProbeNets.batch(20, 1);
        List<double[]> before = ProbeNets.state(model);
        GradientNorms g = GradientNorms.ofWeights(model, new SoftmaxCrossEntropy(), batch);
        List<double[]> after = ProbeNets.state(model);
        for (int k = 0; k < before.size(); k++) {
            assertArrayEquals(before.get(k), after.get(k), 0.0);
        }
        assertEquals(List.of("fc1", "fc2", "fc3", "fc4"), g.layers());
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        model.zeroGrad();
        loss.forward(model.forward(batch.x(), Mode.TRAIN), batch);
        model.backward(loss.backward());
        for (int l = 1; l <= 4; l++) {
            double[] dw = ((Linear) model.layer("fc" + l)).weight().grad().data;
            assertEquals(Math.sqrt(Arrays.stream(dw).map(v -> v * v).sum()), g.norm(l), 1e-14);
        }
    }

    @Test
    void rateFitsTheLogOfTheNorms() {
        GradientNorms g = new GradientNorms(List.of("a", "b", "c", "d"), new double[] {8, 4, 2, 1});
        assertEquals(-Math.log(2), g.rate(1, 4).slope(), 1e-12);
        assertEquals(-Math.log(2), g.rate(2, 3).slope(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> g.rate(3, 3));
        assertThrows(IllegalArgumentException.class, () -> g.rate(0, 4));
    }

    /** Yang et al. (2019): at initialisation, BN makes the gradients of a deep ReLU MLP grow towards the input. */
    @Test
    void gradientsOfADeepBatchNormReluNetGrowTowardsTheInput() {
        int depth = 15;
        int[] hidden = new int[depth];
        Arrays.fill(hidden, 40);
        Sequential bn = Mlp.builder(40).hidden(hidden).outputs(10).activation(ReLU::new).init(Init.he())
                .batchNorm(true).seed(3).build();
        Batch batch = Synthetic.gaussianClasses("g", 64, 40, 10, 0.0, 4).gather(IntStream.range(0, 64).toArray(), 0, 64, null);
        double growth = Math.exp(-GradientNorms.ofWeights(bn, new SoftmaxCrossEntropy(), batch).rate(1, depth).slope());
        assertTrue(growth > 1.1, "growth per layer " + growth);
    }
}
