package org.bnkit.exercise;

import org.bnkit.data.Synthetic;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.Folding;
import org.bnkit.nn.Init;
import org.bnkit.nn.Linear;
import org.bnkit.nn.PopulationStatistics;
import org.bnkit.nn.RunningAverage;
import org.bnkit.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The graders of notebook 06's exercises: Algorithm 2 of [IS15] for one layer, and folding BN into a linear layer. */
public final class Notebook06 {
    private static final long SEED = 606;

    private Notebook06() {
    }

    /** A student's Algorithm 2: the layer's input on each batch (m, D) to {E[x], Var[x]}. */
    @FunctionalInterface
    public interface PopulationStatisticsOf {
        double[][] of(List<DMatrixRMaj> inputs);
    }

    /** A student's fold: the linear layer equal to bn(linear(x)) in evaluation mode. */
    @FunctionalInterface
    public interface Fold {
        Linear fold(Linear linear, BatchNorm bn);
    }

    /** Exercise 6.1: against {@link PopulationStatistics#estimate} on 30 batches of 8, naming two slips. */
    public static void populationStatistics(PopulationStatisticsOf student) {
        Grading.exercise("6.1", "Algorithm 2", () -> {
            int batches = 30, m = 8, d = 5;
            List<DMatrixRMaj> inputs = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                DMatrixRMaj u = Synthetic.gaussian(m, d, 1.0, SEED + b);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < d; j++) {
                        u.set(i, j, (j + 1) * u.get(i, j) + 2.0 * j - 3 + 0.1 * b);   // means drift from batch to batch
                    }
                }
                inputs.add(u);
            }
            BatchNorm bn = BatchNorm.builder(d).runningAverage(RunningAverage.none()).build();
            PopulationStatistics.estimate(new Sequential("bn", List.of(bn)), inputs);
            double[] biased = bn.populationVariance().clone(), pooled = new double[d], mean = bn.populationMean();
            for (int j = 0; j < d; j++) {
                biased[j] *= (m - 1.0) / m;
                for (DMatrixRMaj u : inputs) {
                    for (int i = 0; i < m; i++) {
                        pooled[j] += Math.pow(u.get(i, j) - mean[j], 2) / (batches * m - 1.0);
                    }
                }
            }
            List<DMatrixRMaj> copies = new ArrayList<>();
            inputs.forEach(u -> copies.add(u.copy()));
            double[][] mine = student.of(copies);
            if (mine == null || mine.length != 2) {
                throw new ExerciseFailedException("return {E[x], Var[x]}, an array of two arrays of length " + d);
            }
            Grading.close("E[x] of 30 batches of 8", mean, mine[0], 1e-12, "average the batch means mu_B over the batches");
            Grading.close("Var[x] of 30 batches of 8", bn.populationVariance(), mine[1], 1e-12,
                    "average the biased batch variances (divide by m) and multiply by m/(m-1)",
                    Grading.mistake("leaving out Bessel's correction m/(m-1)", biased),
                    Grading.mistake("taking the variance of all batches pooled, around E[x], instead of the average of the "
                            + "batch variances sigma2_B around each batch's own mean", pooled));
        });
    }

    /** A BN layer over k features with made-up learned parameters and population statistics. */
    private static BatchNorm trainedBatchNorm(int k, long seed) {
        Random rng = new Random(seed);
        BatchNorm bn = BatchNorm.builder(k).name("bn").build();
        double[] mean = new double[k], variance = new double[k];
        for (int j = 0; j < k; j++) {
            bn.gamma().value().data[j] = 0.5 + rng.nextDouble() * 2;
            bn.beta().value().data[j] = rng.nextGaussian();
            mean[j] = rng.nextGaussian() * 2;
            variance[j] = 0.1 + rng.nextDouble() * 3;
        }
        bn.setPopulationStatistics(mean, variance);
        return bn;
    }

    /**
     * Exercise 6.2: against {@link Folding#fold} for a linear layer with a bias and one without;
     * a fold that drops b, beta or eps fails with the slip named.
     */
    public static void fold(Fold student) {
        Grading.exercise("6.2", "folding", () -> {
            for (boolean withBias : new boolean[] {true, false}) {
                Linear linear = new Linear("fc", 7, 5, Init.xavier(), new Random(SEED + (withBias ? 1 : 2)), withBias);
                if (withBias) {
                    Random rng = new Random(SEED + 3);
                    for (int j = 0; j < 5; j++) {
                        linear.bias().value().data[j] = 3 * rng.nextGaussian();
                    }
                }
                BatchNorm bn = trainedBatchNorm(5, SEED + 4);
                Linear expected = Folding.fold(linear, bn);
                Linear noBias = Folding.fold(Linear.withWeights("fc", linear.weight().value().copy(), null), bn);
                BatchNorm noBeta = trainedBatchNorm(5, SEED + 4);
                java.util.Arrays.fill(noBeta.beta().value().data, 0.0);
                DMatrixRMaj weightBefore = linear.weight().value().copy();
                Linear mine = student.fold(linear, bn);
                String which = withBias ? "a linear layer with bias" : "a linear layer without bias";
                Grading.unmodified("W of the linear layer", weightBefore, linear.weight().value());
                if (mine == null) {
                    throw new ExerciseFailedException("your fold of " + which + " returned null; return Linear.withWeights(name, W', b')");
                }
                Grading.close("W' for " + which, expected.weight().value(), mine.weight().value(), 1e-12,
                        "scale column j of W by s_j = gamma_j / sqrt(Var_j + eps)");
                if (!mine.hasBias()) {
                    throw new ExerciseFailedException("your fold of " + which + " has no bias; b' = (b - E[x]) s + beta is "
                            + "needed even when b = 0. Hint: pass b' to Linear.withWeights");
                }
                Grading.close("b' for " + which, expected.bias().value(), mine.bias().value(), 1e-12,
                        "b'_j = (b_j - E[x_j]) s_j + beta_j, with b = 0 when the layer has no bias",
                        Grading.mistake("dropping the linear layer's bias b", noBias.bias().value()),
                        Grading.mistake("leaving out beta", Folding.fold(linear, noBeta).bias().value()));
            }
        });
    }
}
