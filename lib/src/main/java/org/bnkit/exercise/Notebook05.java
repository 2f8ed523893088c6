package org.bnkit.exercise;

import org.bnkit.data.Dataset;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.Mlp;
import org.bnkit.nn.Mode;
import org.bnkit.nn.PopulationStatistics;
import org.bnkit.nn.RunningAverage;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.Sigmoid;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.bnkit.train.Evaluation;
import org.bnkit.train.Sgd;
import org.bnkit.train.Trainer;

import java.util.List;
import java.util.Locale;

/** The grader of notebook 05's exercise: the test accuracy in evaluation mode. */
public final class Notebook05 {
    private static final int STEPS = 300, BATCH = 60;
    private static final double LEARNING_RATE = 0.5;

    private Notebook05() {
    }

    /** A student's accuracy of {@code model} on {@code data} in evaluation mode. */
    @FunctionalInterface
    public interface Accuracy {
        double of(Sequential model, Dataset data);
    }

    /**
     * Exercise 5.1: trains the network of section 4.1 (3 x 100 sigmoid units) with and without BN
     * for 300 steps on {@code train}, sets BN's population statistics (Algorithm 2), and compares
     * the student's accuracy on {@code test} and on its first 1,234 examples (a partial last
     * batch) with {@link Evaluation#accuracy}, to half an example.
     */
    public static void testAccuracy(Accuracy student, Dataset train, Dataset test) {
        Grading.exercise("5.1", "test accuracy in evaluation mode", () -> {
            for (boolean batchNorm : new boolean[] {true, false}) {
                Mlp.Builder b = Mlp.builder(train.features()).hidden(100, 100, 100).outputs(train.classes())
                        .activation(Sigmoid::new).seed(1);
                if (batchNorm) {
                    b.batchNorm(name -> BatchNorm.builder(100).name(name).runningAverage(RunningAverage.none()));
                }
                Sequential model = b.name(batchNorm ? "BN" : "plain").build();
                Trainer.builder(model, new SoftmaxCrossEntropy(), new Sgd(LEARNING_RATE)).batchSize(BATCH).seed(2).build()
                        .train(train, STEPS);
                if (batchNorm) {
                    PopulationStatistics.estimate(model, train.sampleInputBatches(20, BATCH, 3));
                }
                for (Dataset data : List.of(test, test.head(Math.min(1234, test.size())))) {
                    double expected = Evaluation.accuracy(model, data), mine = student.of(model, data);
                    String hint = batchNorm
                            ? "use Mode.EVAL: Mode.TRAIN normalizes each batch with its own statistics (off by "
                            + String.format(Locale.ROOT, "%.4f", Math.abs(expected - Evaluation.accuracy(model, data, Mode.TRAIN, 1000)))
                            + " here); count every example, also those of a last partial batch, and divide by data.size()"
                            : "predict the class with the largest score (argmax over the columns) and divide by data.size()";
                    Grading.close(String.format(Locale.ROOT, "accuracy of the %s network on %d test examples (%d examples off)",
                            model.name(), data.size(), Math.round(Math.abs(expected - mine) * data.size())),
                            expected, mine, 0.5 / data.size(), hint);
                }
            }
        });
    }
}
