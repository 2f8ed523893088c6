package org.bnkit.probe;

import org.bnkit.data.Dataset;
import org.bnkit.data.Synthetic;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.Init;
import org.bnkit.nn.Mlp;
import org.bnkit.nn.RunningAverage;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.bnkit.train.Sgd;
import org.bnkit.train.Trainer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunningStatisticsTest {
    private static final Dataset DATA = Synthetic.gaussianClasses("blobs", 400, 6, 3, 2.0, 1);

    private static Sequential net(RunningAverage average, boolean unbiased) {
        return Mlp.builder(6).hidden(8, 8).outputs(3)
                .batchNorm(name -> BatchNorm.builder(8).name(name).runningAverage(average).unbiasedRunningVariance(unbiased))
                .init(Init.xavier()).seed(2).build();
    }

    private static void train(Sequential model, RunningStatistics hook) {
        Trainer.Builder b = Trainer.builder(model, new SoftmaxCrossEntropy(), new Sgd(0.3)).batchSize(10).seed(3);
        if (hook != null) {
            b.hook(hook);
        }
        b.build().train(DATA, 60);
    }

    @Test
    void eachConventionHoldsWhatABatchNormWithThatRunningAverageHolds() {
        List<RunningStatistics.Convention> conventions = List.of(
                new RunningStatistics.Convention("pytorch", RunningAverage.onNewBatch(0.1), true),
                new RunningStatistics.Convention("keras", RunningAverage.onOldValue(0.99), false),
                new RunningStatistics.Convention("inverted", RunningAverage.onNewBatch(0.9), true),
                new RunningStatistics.Convention("cumulative", RunningAverage.cumulative(), true));
        Sequential shadowed = net(RunningAverage.none(), true);
        RunningStatistics hook = new RunningStatistics(conventions);
        train(shadowed, hook);
        assertEquals(60, hook.batches());
        for (RunningStatistics.Convention c : conventions) {
            Sequential reference = net(c.average(), c.unbiasedVariance());
            train(reference, null);
            hook.applyTo(shadowed, c.label());
            for (int i = 0; i < reference.size(); i++) {
                if (reference.layer(i) instanceof BatchNorm bn) {
                    BatchNorm mine = (BatchNorm) shadowed.layer(i);
                    assertArrayEquals(bn.populationMean(), mine.populationMean(), 1e-14, c.label());
                    assertArrayEquals(bn.populationVariance(), mine.populationVariance(), 1e-14, c.label());
                    assertArrayEquals(bn.populationMean(), hook.mean(c.label(), i), 1e-14, c.label());
                    assertArrayEquals(bn.populationVariance(), hook.variance(c.label(), i), 1e-14, c.label());
                }
            }
        }
    }

    @Test
    void recordingDoesNotChangeTraining() {
        Sequential a = net(RunningAverage.none(), true), b = net(RunningAverage.none(), true);
        train(a, new RunningStatistics(new RunningStatistics.Convention("x", RunningAverage.onNewBatch(0.1), true)));
        train(b, null);
        for (int k = 0; k < a.parameters().size(); k++) {
            assertArrayEquals(b.parameters().get(k).value().data, a.parameters().get(k).value().data, 0.0);
        }
    }

    @Test
    void unknownLabelsAndUnrecordedModelsAreClearErrors() {
        RunningStatistics hook = new RunningStatistics(new RunningStatistics.Convention("pytorch", RunningAverage.onNewBatch(0.1), true));
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> hook.applyTo(net(RunningAverage.none(), true), "pytorch"));
        assertTrue(none.getMessage().contains(".hook("), none.getMessage());
        train(net(RunningAverage.none(), true), hook);
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class, () -> hook.mean("keras", 1));
        assertTrue(label.getMessage().contains("[pytorch]"), label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RunningStatistics(
                new RunningStatistics.Convention("a", RunningAverage.onNewBatch(0.1), true),
                new RunningStatistics.Convention("a", RunningAverage.onNewBatch(0.2), true)));
        IllegalArgumentException untracked = assertThrows(IllegalArgumentException.class,
                () -> new RunningStatistics.Convention("none", RunningAverage.none(), true));
        assertTrue(untracked.getMessage().contains("PopulationStatistics.estimate"), untracked.getMessage());
    }
}
