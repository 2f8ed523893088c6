package org.bnkit.probe;

import org.bnkit.data.Batch;
import org.bnkit.data.Dataset;
import org.bnkit.data.Synthetic;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.BatchRenorm;
import org.bnkit.nn.Conv2d;
import org.bnkit.nn.Dropout;
import org.bnkit.nn.Flatten;
import org.bnkit.nn.Init;
import org.bnkit.nn.LayerNorm;
import org.bnkit.nn.Linear;
import org.bnkit.nn.LpBatchNorm;
import org.bnkit.nn.MapShape;
import org.bnkit.nn.MaxPool2d;
import org.bnkit.nn.Mode;
import org.bnkit.nn.Parameter;
import org.bnkit.nn.RandomScaleShift;
import org.bnkit.nn.ReLU;
import org.bnkit.nn.Residual;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.Sigmoid;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.bnkit.nn.Tanh;
import org.bnkit.train.Sgd;
import org.bnkit.train.Trainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A probe leaves every layer type of the library exactly as it found it: two networks built and
 * trained alike, one of them probed, stay equal to the last bit in their weights, gradients,
 * statistics, counters and random sources, so the next forward passes and the training that
 * follows give the same bits.
 */
class ProbeLeavesEveryLayerTest {
    private static final Dataset MAPS = Synthetic.gaussianClasses("maps", 240, 16, 4, 2.0, 21);
    private static final SoftmaxCrossEntropy LOSS = new SoftmaxCrossEntropy();

    /** Every layer type: convolution, BN over maps and features, pooling, the normalization family, noise, a residual block. */
    private static Sequential everyLayer() {
        Random rng = new Random(22);
        MapShape image = new MapShape(1, 4, 4), maps = new MapShape(2, 4, 4), pooled = new MapShape(2, 2, 2);
        return new Sequential("every layer", List.of(
                new Conv2d("conv", image, 2, 3, 1, Init.he(), rng, true),
                BatchNorm.builder(2).name("bnMaps").featureMaps(4, 4).build(),
                new ReLU("relu1"),
                new MaxPool2d("pool", maps, 2),
                new Flatten("flat", pooled),
                new Linear("fc1", 8, 10, Init.xavier(), rng),
                new BatchNorm("bn1", 10),
                new Sigmoid("sigmoid"),
                new Dropout("drop", 0.3, 23),
                BatchRenorm.builder(10).name("brn").updateRate(0.1)
                        .schedule(BatchRenorm.Schedule.linear(1, 3, 12, 5, 12)).build(),
                new Tanh("tanh"),
                LpBatchNorm.l2("lp", 10),
                RandomScaleShift.builder(10).name("noise").seed(24).build(),
                new LayerNorm("ln", 10),
                new Residual("block", new Sequential("body", List.of(
                        new Linear("fcr", 10, 10, Init.xavier(), rng), new BatchNorm("bnr", 10), new ReLU("relu2")))),
                new Linear("out", 10, 4, Init.xavier(), rng)));
    }

    private static Batch batch(int n, int from) {
        int[] order = new int[MAPS.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return MAPS.gather(order, from, n, null);
    }

    private static void assertSameBits(Sequential expected, Sequential actual, String when) {
        List<Parameter> e = expected.parameters(), a = actual.parameters();
        for (int k = 0; k < e.size(); k++) {
            assertArrayEquals(e.get(k).value().data, a.get(k).value().data, 0.0, when + ": " + e.get(k).name());
            assertArrayEquals(e.get(k).grad().data, a.get(k).grad().data, 0.0, when + ": gradient of " + e.get(k).name());
        }
    }

    @Test
    void aProbeLeavesEveryLayerBitIdentical() {
        Sequential probed = everyLayer(), reference = everyLayer();
        Trainer probedTrainer = Trainer.builder(probed, LOSS, new Sgd(0.2)).batchSize(8).seed(25).build();
        Trainer referenceTrainer = Trainer.builder(reference, LOSS, new Sgd(0.2)).batchSize(8).seed(25).build();
        probedTrainer.train(MAPS, 6);
        referenceTrainer.train(MAPS, 6);
        assertSameBits(reference, probed, "after the same training");

        // probes on batches of another size than training's, so that a held dropout draws a mask of its own
        try (ProbeScope scope = ProbeScope.open(probed)) {
            scope.placeAt(0.5, scope.savedGradients());
            scope.lossAndGradients(LOSS, batch(12, 0));
            scope.placeAt(-0.2, scope.gradients());
            scope.lossAndGradients(LOSS, batch(12, 12));
        }
        LandscapeProbe.measure(probed, LOSS, batch(10, 30), 0.1, 0.4);
        GradientNorms.ofWeights(probed, LOSS, batch(10, 40));
        assertSameBits(reference, probed, "after the probes");

        Batch next = batch(8, 60);
        assertArrayEquals(reference.forward(next.x(), Mode.TRAIN).data, probed.forward(next.x(), Mode.TRAIN).data, 0.0,
                "the next training-mode forward pass");
        assertArrayEquals(reference.forward(next.x(), Mode.EVAL).data, probed.forward(next.x(), Mode.EVAL).data, 0.0,
                "the next evaluation-mode forward pass (population statistics, moving averages)");
        probedTrainer.train(MAPS, 8);
        referenceTrainer.train(MAPS, 8);
        assertSameBits(reference, probed, "after eight more steps (new masks and noise, the renorm schedule)");
        BatchRenorm brnProbed = probed.layersOfType(BatchRenorm.class).get(0);
        BatchRenorm brnReference = reference.layersOfType(BatchRenorm.class).get(0);
        assertEquals(brnReference.steps(), brnProbed.steps());
        assertArrayEquals(brnReference.movingStd(), brnProbed.movingStd(), 0.0);
        assertArrayEquals(reference.forward(next.x(), Mode.EVAL).data, probed.forward(next.x(), Mode.EVAL).data, 0.0);
    }
}
