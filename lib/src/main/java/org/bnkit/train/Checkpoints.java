package org.bnkit.train;

import org.bnkit.data.Dataset;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.PopulationStatistics;
import org.bnkit.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The test accuracy of a network at regular steps of its training, as plotted in Figure 1(a) of
 * the paper (section 4.1: "the fraction of correct predictions on the held-out test data, as
 * training progresses"), with every {@link BatchNorm} layer in evaluation mode.
 *
 * <p>At each checkpoint the population statistics of the BN layers are first recomputed by
 * Algorithm 2 (steps 8-11) from the same training mini-batches, with the current weights frozen
 * ({@link PopulationStatistics#estimate}); then {@link Evaluation#accuracy} classifies every
 * example of the test set. So each point is the accuracy of the inference network the paper
 * would deploy at that step. A checkpoint changes only the population statistics, which no
 * training-mode pass reads: the run is the same with or without it.
 *
 * <pre>
 *   Checkpoints checkpoints = Checkpoints.every(1000, test, train.sampleInputBatches(100, 60, seed));
 *   checkpoints.record(0, net);                      // before training, if wanted
 *   Trainer.builder(net, loss, sgd).seed(1).hook(checkpoints).status(checkpoints::status).build()
 *       .train(train, 50_000);
 *   long[] steps = checkpoints.steps();  double[] accuracy = checkpoints.accuracies();
 * </pre>
 *
 * <p>Not thread-safe: use one instance per training run.
 */
public final class Checkpoints implements TrainingHook {
    private final long every;
    private final long[] at;
    private final Dataset test;
    private final List<DMatrixRMaj> populationBatches;
    private final List<Long> steps = new ArrayList<>();
    private final List<Double> accuracies = new ArrayList<>();

    private Checkpoints(long every, long[] at, Dataset test, List<DMatrixRMaj> populationBatches) {
        this.every = every;
        this.at = at;
        this.test = test;
        this.populationBatches = List.copyOf(populationBatches);
    }

    /**
     * A hook that records the test accuracy after steps k, 2k, 3k, ....
     *
     * @param k                 steps between checkpoints, >= 1
     * @param test              the held-out examples, with class labels. Not modified.
     * @param populationBatches training mini-batches of inputs, each (m, D) with m >= 2, for
     *                          Algorithm 2 (e.g. {@code train.sampleInputBatches(100, 60, seed)});
     *                          unused for a network without BN. Not modified.
     */
    public static Checkpoints every(long k, Dataset test, List<DMatrixRMaj> populationBatches) {
        if (k < 1) {
            throw new IllegalArgumentException("Checkpoints.every: k must be >= 1, got " + k);
        }
        checkData(test, populationBatches);
        return new Checkpoints(k, null, test, populationBatches);
    }

    /**
     * A hook that records the test accuracy after each of the given steps, e.g. closely spaced
     * early in training and sparsely later ({@code 100, 200, 500, 1000, 2000, 4000, ...}).
     *
     * @param steps strictly increasing step numbers, each >= 1
     * @see #every(long, Dataset, List)
     */
    public static Checkpoints at(long[] steps, Dataset test, List<DMatrixRMaj> populationBatches) {
        if (steps.length == 0) {
            throw new IllegalArgumentException("Checkpoints.at: give at least one step");
        }
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] < 1 || (i > 0 && steps[i] <= steps[i - 1])) {
                throw new IllegalArgumentException("Checkpoints.at: steps must be >= 1 and strictly increasing, got "
                        + Arrays.toString(steps));
            }
        }
        checkData(test, populationBatches);
        return new Checkpoints(0, steps.clone(), test, populationBatches);
    }

    private static void checkData(Dataset test, List<DMatrixRMaj> populationBatches) {
        if (!test.isClassification()) {
            throw new IllegalArgumentException("Checkpoints: '" + test.name() + "' has no class labels");
        }
        if (populationBatches.isEmpty()) {
            throw new IllegalArgumentException("Checkpoints: Algorithm 2 needs at least one training mini-batch; "
                    + "pass e.g. train.sampleInputBatches(100, 60, seed)");
        }
    }

    @Override
    public void afterStep(long step, double loss, Sequential model) {
        if (at == null ? step % every == 0 : Arrays.binarySearch(at, step) >= 0) {
            record(step, model);
        }
    }

    /**
     * Evaluates {@code model} now and records the result under {@code step} (e.g. step 0, before
     * training). Sets the population statistics of its BN layers (Modified); nothing else changes.
     *
     * @return the test accuracy
     */
    public double record(long step, Sequential model) {
        if (!model.layersOfType(BatchNorm.class).isEmpty()) {
            PopulationStatistics.estimate(model, populationBatches);
        }
        double accuracy = Evaluation.accuracy(model, test);
        steps.add(step);
        accuracies.add(accuracy);
        return accuracy;
    }

    /** The steps of the checkpoints, in the order recorded. */
    public long[] steps() {
        return steps.stream().mapToLong(Long::longValue).toArray();
    }

    /** The test accuracy at each checkpoint (fraction of the test set classified correctly). */
    public double[] accuracies() {
        return accuracies.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The number of checkpoints recorded. */
    public int size() {
        return steps.size();
    }

    /** For the progress line: the last checkpoint's accuracy and step, or "" before the first. */
    public String status() {
        if (steps.isEmpty()) {
            return "";
        }
        int last = steps.size() - 1;
        return String.format(Locale.ROOT, "test accuracy %.4f (step %d)", accuracies.get(last), steps.get(last));
    }
}
