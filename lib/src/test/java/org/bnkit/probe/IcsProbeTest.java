package org.bnkit.probe;

import org.bnkit.data.Batch;
import org.bnkit.nn.Layer;
import org.bnkit.nn.Linear;
import org.bnkit.nn.Mlp;
import org.bnkit.nn.Mode;
import org.bnkit.nn.Parameter;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.bnkit.train.Sgd;
import org.bnkit.train.Trainer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IcsProbeTest {
    private static final List<Supplier<Sequential>> NETS =
            List.of(ProbeNets::plain, ProbeNets::bn, ProbeNets::noisy, ProbeNets::l1);

    private static IcsProbe trainWith(Sequential model, IcsProbe probe, int steps) {
        Trainer.builder(model, new SoftmaxCrossEntropy(), new Sgd(0.3)).batchSize(20).seed(1).hook(probe).build()
                .train(ProbeNets.DATA, steps);
        return probe;
    }

    @Test
    void gEqualsGPrimeExactlyWhenTheEarlierLayersDoNotMove() {
        for (Supplier<Sequential> make : NETS) {
            IcsProbe probe = trainWith(make.get(), IcsProbe.withStepSize(0.0, new SoftmaxCrossEntropy(), 3), 12);
            assertEquals(List.of("fc2", "fc3", "fc4"), probe.layers());
            assertEquals(4, probe.steps().length);
            for (String layer : probe.layers()) {
                for (int t = 0; t < 4; t++) {
                    assertEquals(0.0, probe.difference(layer)[t], 0.0, layer + " at step " + probe.steps()[t]);
                    assertEquals(1.0, probe.cosine(layer)[t], 1e-14);
                    assertTrue(probe.gradientNorm(layer)[t] > 0);
                }
            }
        }
    }

    @Test
    void aStepOfTheEarlierLayersChangesTheGradient() {
        IcsProbe probe = trainWith(ProbeNets.bn(), IcsProbe.withStepSize(0.3, new SoftmaxCrossEntropy(), 3), 12);
        for (String layer : probe.layers()) {
            for (double d : probe.difference(layer)) {
                assertTrue(d > 0, layer);
            }
        }
    }

    /** G' recomputed by hand for the last layer: every earlier parameter moved by -eta G, then forward and backward. */
    @Test
    void matchesGPrimeComputedByHand() {
        double eta = 0.3;
        Sequential model = ProbeNets.bn();
        Batch batch = ProbeNets.batch(20, 2);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        model.zeroGrad();
        loss.forward(model.forward(batch.x(), Mode.TRAIN), batch);
        model.backward(loss.backward());
        Linear last = (Linear) model.layer("fc4");
        double[] g = last.weight().grad().data.clone();
        List<Parameter> earlier = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (l == last) {
                break;
            }
            earlier.addAll(l.parameters());
        }
        List<double[]> saved = new ArrayList<>();
        for (Parameter p : earlier) {
            saved.add(p.value().data.clone());
            for (int i = 0; i < p.size(); i++) {
                p.value().data[i] -= eta * p.grad().data[i];
            }
        }
        model.zeroGrad();
        loss.forward(model.forward(batch.x(), Mode.TRAIN), batch);
        model.backward(loss.backward());
        double[] gPrime = last.weight().grad().data.clone();
        double dd = 0, dot = 0, gg = 0, pp = 0;
        for (int i = 0; i < g.length; i++) {
            dd += (g[i] - gPrime[i]) * (g[i] - gPrime[i]);
            dot += g[i] * gPrime[i];
            gg += g[i] * g[i];
            pp += gPrime[i] * gPrime[i];
        }

        Sequential again = ProbeNets.bn();
        IcsProbe probe = IcsProbe.withStepSize(eta, loss, 1);
        again.zeroGrad();
        loss.forward(again.forward(batch.x(), Mode.TRAIN), batch);
        again.backward(loss.backward());
        probe.beforeUpdate(1, batch, again);
        assertEquals(Math.sqrt(dd), probe.difference("fc4")[0], 1e-12);
        assertEquals(dot / Math.sqrt(gg * pp), probe.cosine("fc4")[0], 1e-12);
        assertTrue(Math.sqrt(dd) > 1e-6, "the step should change G");
    }

    @Test
    void probingLeavesTheTrainingRunUnchanged() {
        for (Supplier<Sequential> make : NETS) {
            Sgd sgd = new Sgd(0.3);
            double[] probed = Trainer.builder(make.get(), new SoftmaxCrossEntropy(), sgd).batchSize(20).seed(1)
                    .hook(IcsProbe.following(sgd, new SoftmaxCrossEntropy(), 2)).build().train(ProbeNets.DATA, 10).losses();
            double[] plain = Trainer.builder(make.get(), new SoftmaxCrossEntropy(), new Sgd(0.3)).batchSize(20).seed(1)
                    .build().train(ProbeNets.DATA, 10).losses();
            assertArrayEquals(plain, probed, 0.0);
        }
    }

    @Test
    void followingTheOptimizerUsesItsLearningRate() {
        Sgd sgd = new Sgd(0.3);
        IcsProbe following = trainWith(ProbeNets.plain(), IcsProbe.following(sgd, new SoftmaxCrossEntropy(), 5), 5);
        IcsProbe fixed = trainWith(ProbeNets.plain(), IcsProbe.withStepSize(0.3, new SoftmaxCrossEntropy(), 5), 5);
        assertArrayEquals(fixed.difference("fc3"), following.difference("fc3"), 0.0);
    }

    @Test
    void badUsesAreRejectedWithAFix() {
        IllegalArgumentException momentum = assertThrows(IllegalArgumentException.class,
                () -> IcsProbe.following(new Sgd(0.1, 0.9), new SoftmaxCrossEntropy(), 1));
        assertTrue(momentum.getMessage().contains("new Sgd(lr)"), momentum.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IcsProbe.withStepSize(-1, new SoftmaxCrossEntropy(), 1));
        IcsProbe probe = IcsProbe.withStepSize(0.1, new SoftmaxCrossEntropy(), 1);
        IllegalArgumentException oneLayer = assertThrows(IllegalArgumentException.class, () -> trainWith(
                Mlp.builder(8).outputs(4).seed(1).build(), probe, 1));
        assertTrue(oneLayer.getMessage().contains("fewer than two Linear layers"), oneLayer.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> probe.cosine("fc9"));
        assertTrue(name.getMessage().contains("fc9"), name.getMessage());
    }
}
