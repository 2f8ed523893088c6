package org.bnkit.train;

import org.bnkit.data.Dataset;
import org.bnkit.data.Synthetic;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.Init;
import org.bnkit.nn.Mlp;
import org.bnkit.nn.PopulationStatistics;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointsTest {
    private static final Dataset TRAIN = Synthetic.gaussianClasses("train", 600, 8, 4, 3.0, 1);
    private static final Dataset TEST = Synthetic.gaussianClasses("test", 300, 8, 4, 3.0, 2);
    private static final List<DMatrixRMaj> POPULATION = TRAIN.sampleInputBatches(10, 20, 3);

    private static Sequential net(boolean bn) {
        return Mlp.builder(8).hidden(16, 16).outputs(4).batchNorm(bn).init(Init.xavier()).seed(4).build();
    }

    private static Trainer.Builder trainer(Sequential model) {
        return Trainer.builder(model, new SoftmaxCrossEntropy(), new Sgd(0.5)).batchSize(20).seed(5);
    }

    @Test
    void recordsEveryKthStepTheAccuracyWithPopulationStatisticsFromAlgorithm2() {
        Sequential model = net(true);
        Checkpoints checkpoints = Checkpoints.every(10, TEST, POPULATION);
        trainer(model).hook(checkpoints).build().train(TRAIN, 35);
        assertArrayEquals(new long[] {10, 20, 30}, checkpoints.steps());
        assertEquals(3, checkpoints.size());

        // the same model, evaluated by hand after the same 30 steps
        Sequential byHand = net(true);
        trainer(byHand).build().train(TRAIN, 30);
        PopulationStatistics.estimate(byHand, POPULATION);
        assertEquals(Evaluation.accuracy(byHand, TEST), checkpoints.accuracies()[2], 0.0);
        assertTrue(checkpoints.accuracies()[2] > 0.9, "the network learns the blobs: " + checkpoints.accuracies()[2]);
    }

    @Test
    void recordsAtTheGivenStepsOnly() {
        Sequential model = net(true);
        Checkpoints checkpoints = Checkpoints.at(new long[] {1, 2, 5, 30}, TEST, POPULATION);
        trainer(model).hook(checkpoints).build().train(TRAIN, 5);
        assertArrayEquals(new long[] {1, 2, 5}, checkpoints.steps());
        PopulationStatistics.estimate(model, POPULATION);
        assertEquals(Evaluation.accuracy(model, TEST), checkpoints.accuracies()[2], 1e-15, "the last checkpoint is the trained network's");
        assertThrows(IllegalArgumentException.class, () -> Checkpoints.at(new long[] {5, 5}, TEST, POPULATION));
        assertThrows(IllegalArgumentException.class, () -> Checkpoints.at(new long[] {0, 5}, TEST, POPULATION));
        assertThrows(IllegalArgumentException.class, () -> Checkpoints.at(new long[0], TEST, POPULATION));
    }

    @Test
    void checkpointsDoNotChangeTraining() {
        for (boolean bn : new boolean[] {false, true}) {
            double[] without = trainer(net(bn)).build().train(TRAIN, 40).losses();
            double[] with = trainer(net(bn)).hook(Checkpoints.every(3, TEST, POPULATION)).build().train(TRAIN, 40).losses();
            assertArrayEquals(without, with, 0.0, "bn=" + bn);
        }
    }

    @Test
    void recordBeforeTrainingSetsThePopulationStatistics() {
        Sequential model = net(true);
        Checkpoints checkpoints = Checkpoints.every(100, TEST, POPULATION);
        double accuracy = checkpoints.record(0, model);
        assertTrue(model.layersOfType(BatchNorm.class).get(0).population().available());
        assertArrayEquals(new long[] {0}, checkpoints.steps());
        assertEquals(Evaluation.accuracy(model, TEST), accuracy, 0.0);
    }

    @Test
    void statusNamesTheLastCheckpoint() {
        Checkpoints checkpoints = Checkpoints.every(5, TEST, POPULATION);
        assertEquals("", checkpoints.status());
        trainer(net(false)).hook(checkpoints).build().train(TRAIN, 10);
        assertEquals(String.format(java.util.Locale.ROOT, "test accuracy %.4f (step 10)", checkpoints.accuracies()[1]),
                checkpoints.status());
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> Checkpoints.every(0, TEST, POPULATION));
        assertThrows(IllegalArgumentException.class, () -> Checkpoints.every(5, TEST, List.of()));
        Dataset regression = Synthetic.linearTarget("y = Ax", Synthetic.gaussian(3, 3, 1), 50, 2);
        assertThrows(IllegalArgumentException.class, () -> Checkpoints.every(5, regression, POPULATION));
    }
}
