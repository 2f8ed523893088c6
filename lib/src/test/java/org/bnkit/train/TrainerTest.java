package org.bnkit.train;

import org.bnkit.data.Batch;
import org.bnkit.data.Dataset;
import org.bnkit.data.Synthetic;
import org.bnkit.nn.Init;
import org.bnkit.nn.Layer;
import org.bnkit.nn.Mlp;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    private static final Dataset DATA = Synthetic.gaussianClasses("blobs", 600, 8, 4, 3.0, 1);

    private static Sequential net(boolean bn) {
        return Mlp.builder(8).hidden(16, 16).outputs(4).batchNorm(bn).init(Init.xavier()).seed(2).build();
    }

    @Test
    void sameSeedGivesTheSameLosses() {
        double[] a = Trainer.builder(net(true), new SoftmaxCrossEntropy(), new Sgd(0.5)).batchSize(20).seed(3).build()
                .train(DATA, 50).losses();
        double[] b = Trainer.builder(net(true), new SoftmaxCrossEntropy(), new Sgd(0.5)).batchSize(20).seed(3).build()
                .train(DATA, 50).losses();
        double[] c = Trainer.builder(net(true), new SoftmaxCrossEntropy(), new Sgd(0.5)).batchSize(20).seed(4).build()
                .train(DATA, 50).losses();
        assertArrayEquals(a, b, 0.0);
        assertFalse(a[49] == c[49]);
    }

    @Test
    void trainingLearnsSeparableClasses() {
        for (boolean bn : new boolean[] {false, true}) {
            Sequential model = net(bn);
            Trainer t = Trainer.builder(model, new SoftmaxCrossEntropy(), new Sgd(0.5, 0.9)).batchSize(20).seed(5).build();
            TrainingLog log = t.train(DATA, 300);
            assertTrue(log.recentLoss(30) < 0.5 * log.losses()[0], "bn=" + bn + ": loss " + log.losses()[0] + " -> " + log.recentLoss(30));
            assertTrue(Evaluation.accuracy(model, DATA) > 0.9, "bn=" + bn);
        }
    }

    @Test
    void divergenceNamesTheStepAndTheLayer() {
        Sequential model = Mlp.builder(8).hidden(16).outputs(4).activation(org.bnkit.nn.ReLU::new).init(Init.gaussian(10)).seed(6).build();
        Trainer t = Trainer.builder(model, new SoftmaxCrossEntropy(), new Sgd(1e6)).batchSize(20).seed(7).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.train(DATA, 1000));
        assertTrue(e.step() >= 1 && e.step() < 1000);
        assertTrue(e.getMessage().contains("step " + e.step()), e.getMessage());
        assertTrue(e.getMessage().contains("fc"), e.getMessage());
        assertTrue(e.getMessage().contains("Lower the learning rate"), e.getMessage());
    }

    /** A batch that holds NaN was never the learning rate's fault: the message says which example of the data set it is. */
    @Test
    void aNonFiniteInputIsBlamedOnTheDataNotTheLearningRate() {
        DMatrixRMaj x = DATA.x().copy();
        x.set(37, 5, Double.NaN);
        Dataset broken = Dataset.classification("broken blobs", x, DATA.labels(), 4);
        Trainer t = Trainer.builder(net(true), new SoftmaxCrossEntropy(), new Sgd(0.1)).batchSize(20).seed(9).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.train(broken, 1000));
        assertEquals("input", e.layer());
        assertTrue(e.getMessage().contains("input value NaN at column 5 of example 37"), e.getMessage());
        assertTrue(e.getMessage().contains("'broken blobs'") && e.getMessage().contains("not at fault"), e.getMessage());
        assertFalse(e.getMessage().contains("Lower the learning rate"), e.getMessage());
    }

    @Test
    void interruptStopsAfterAWholeStep() {
        Sequential model = net(false);
        Trainer t = Trainer.builder(model, new SoftmaxCrossEntropy(), new Sgd(0.1)).batchSize(20).seed(8)
                .hook(TrainingHook.every(10, (step, loss, m) -> Thread.currentThread().interrupt())).build();
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class, () -> t.train(DATA, 1000));
        assertEquals(10, e.completedSteps());
        assertEquals(10, t.stepsDone());
        assertTrue(Thread.interrupted(), "the interrupt flag is restored for the caller");
    }

    @Test
    void hooksSeeLayersOnlyAtTheStepsTheyChooseAndBeforeTheUpdate() {
        Sequential model = net(true);
        List<Long> forwardSteps = new ArrayList<>();
        List<Long> updates = new ArrayList<>();
        double[] weightBefore = new double[1];
        TrainingHook hook = new TrainingHook() {
            @Override
            public boolean observesLayers(long step) {
                return step == 3 || step == 7;
            }

            @Override
            public void forward(long step, int index, Layer layer, DMatrixRMaj input, DMatrixRMaj output) {
                if (index == 0) {
                    forwardSteps.add(step);
                }
            }

            @Override
            public void beforeUpdate(long step, Batch batch, Sequential m) {
                updates.add(step);
                weightBefore[0] = m.parameters().get(0).value().data[0];
            }

            @Override
            public void afterStep(long step, double loss, Sequential m) {
                assertFalse(weightBefore[0] == m.parameters().get(0).value().data[0], "the update happens between the calls");
            }
        };
        Trainer.builder(model, new SoftmaxCrossEntropy(), new Sgd(0.1)).batchSize(20).seed(9).hook(hook).build().train(DATA, 8);
        assertEquals(List.of(3L, 7L), forwardSteps);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), updates);
    }

    @Test
    void progressReportsStepsAndLoss() {
        List<String> lines = new ArrayList<>();
        Trainer.builder(net(false), new SoftmaxCrossEntropy(), new Sgd(0.1)).batchSize(20).seed(10)
                .progress(lines::add, 0).status(() -> "acc n/a").build().train(DATA, 5);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("step 5/5  loss "), last);
        assertTrue(last.endsWith("acc n/a"), last);
    }

    @Test
    void seedIsRequired() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Trainer.builder(net(false), new SoftmaxCrossEntropy(), new Sgd(0.1)).build());
        assertTrue(e.getMessage().contains("seed"));
    }
}
