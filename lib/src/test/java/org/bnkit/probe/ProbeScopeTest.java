package org.bnkit.probe;

import org.bnkit.data.Batch;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.Mode;
import org.bnkit.nn.Parameter;
import org.bnkit.nn.RandomScaleShift;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.bnkit.train.Sgd;
import org.bnkit.train.Trainer;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProbeScopeTest {

    /** A model after a few training steps, so that it has gradients and population statistics. */
    private static Sequential trained(Supplier<Sequential> make) {
        Sequential model = make.get();
        Trainer.builder(model, new SoftmaxCrossEntropy(), new Sgd(0.3)).batchSize(20).seed(3).build()
                .train(ProbeNets.DATA, 5);
        return model;
    }

    private static void assertSameState(List<double[]> expected, List<double[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int k = 0; k < expected.size(); k++) {
            assertArrayEquals(expected.get(k), actual.get(k), 0.0, "entry " + k + " of the state");
        }
    }

    @Test
    void closingRestoresEveryValueGradientAndPopulationStatisticExactly() {
        for (Supplier<Sequential> make : List.<Supplier<Sequential>>of(ProbeNets::plain, ProbeNets::bn, ProbeNets::noisy, ProbeNets::l1)) {
            Sequential model = trained(make);
            List<double[]> before = ProbeNets.state(model);
            Batch batch = ProbeNets.batch(30, 4);
            try (ProbeScope scope = ProbeScope.open(model)) {
                scope.placeAt(0.7, scope.savedGradients());
                scope.lossAndGradients(new SoftmaxCrossEntropy(), batch);
                scope.placeAt(-0.3, scope.gradients());
                scope.lossAndGradients(new SoftmaxCrossEntropy(), ProbeNets.batch(30, 5));
            }
            assertSameState(before, ProbeNets.state(model));
        }
    }

    @Test
    void passesInsideTheScopeSeeTheHeldNoiseAndLaterTrainingIsUnchanged() {
        Sequential probed = trained(ProbeNets::noisy), reference = trained(ProbeNets::noisy);
        Batch batch = ProbeNets.batch(30, 6);
        RandomScaleShift noise = probed.layersOfType(RandomScaleShift.class).get(0);
        double[] scales = noise.lastScales();
        try (ProbeScope scope = ProbeScope.open(probed)) {
            scope.lossAndGradients(new SoftmaxCrossEntropy(), batch);
            scope.lossAndGradients(new SoftmaxCrossEntropy(), batch);
            assertArrayEquals(scales, noise.lastScales(), 0.0);
        }
        assertArrayEquals(reference.forward(batch.x(), Mode.TRAIN).data, probed.forward(batch.x(), Mode.TRAIN).data, 0.0);
    }

    @Test
    void batchNormRunningAveragesDoNotMoveDuringTheScope() {
        Sequential model = trained(ProbeNets::bn);
        BatchNorm bn = model.layersOfType(BatchNorm.class).get(0);
        double[] mean = bn.populationMean();
        long seen = bn.population().batchesSeen();
        try (ProbeScope scope = ProbeScope.open(model)) {
            scope.lossAndGradients(new SoftmaxCrossEntropy(), ProbeNets.batch(30, 7));
        }
        assertArrayEquals(mean, bn.populationMean(), 0.0);
        assertEquals(seen, bn.population().batchesSeen());
    }

    @Test
    void placeAtMovesTheTrainableParametersAlongTheDirection() {
        Sequential model = trained(ProbeNets::bn);
        Parameter frozen = model.layersOfType(BatchNorm.class).get(1).gamma();
        frozen.setTrainable(false);
        Parameter w1 = model.parameters().get(0);
        double[] w0 = w1.value().data.clone(), g0 = w1.grad().data.clone(), frozen0 = frozen.value().data.clone();
        try (ProbeScope scope = ProbeScope.open(model)) {
            assertEquals(model.parameterCount() - frozen.size(), scope.dimension());
            scope.placeAt(0.5, scope.savedGradients());
            for (int i = 0; i < w0.length; i++) {
                assertEquals(w0[i] - 0.5 * g0[i], w1.value().data[i], 0.0);
            }
            assertArrayEquals(frozen0, frozen.value().data, 0.0);
            Set<Parameter> none = Collections.newSetFromMap(new IdentityHashMap<>());
            scope.placeAt(0.5, scope.savedGradients(none));
            assertArrayEquals(w0, w1.value().data, 0.0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scope.placeAt(1, new double[3]));
            assertTrue(e.getMessage().contains("3 entries"), e.getMessage());
        }
    }

    @Test
    void aClosedScopeRefusesWork() {
        Sequential model = trained(ProbeNets::plain);
        ProbeScope scope = ProbeScope.open(model);
        scope.close();
        assertThrows(IllegalStateException.class, () -> scope.lossAndGradients(new SoftmaxCrossEntropy(), ProbeNets.batch(10, 8)));
    }
}
