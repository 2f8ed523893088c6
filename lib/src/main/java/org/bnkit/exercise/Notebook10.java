package org.bnkit.exercise;

import org.bnkit.data.Synthetic;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.Mode;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * The grader of notebook 10's exercise: the mini-batch statistics of BN over feature maps ([IS15]
 * section 3.2), one mean and one (biased) variance per map over its m' = m p q values.
 */
public final class Notebook10 {
    private static final long SEED = 1010;

    private Notebook10() {
    }

    /** A student's {mean, variance} of each of the C maps of u: (m, C*p*q), NCHW; u not modified. */
    @FunctionalInterface
    public interface MapStatistics {
        double[][] of(DMatrixRMaj u, int channels);
    }

    /**
     * Exercise 10.1: against {@link BatchNorm#lastMean()} and {@link BatchNorm#lastVariance()} of a
     * per-map BN in training mode, on four batches (maps with different means and scales, a single
     * image, 1 x 1 maps, a constant map).
     */
    public static void perMapStatistics(MapStatistics student) {
        Grading.exercise("10.1", "per-map mean and variance", () -> {
            check(student, "4 images of 3 maps of 5 x 5", maps(4, new double[] {-3, 0, 4}, new double[] {0.5, 2, 1}, 25, SEED),
                    3, 5, 5);
            check(student, "a single image of 2 maps of 3 x 3", maps(1, new double[] {1, -2}, new double[] {1, 3}, 9, SEED + 1),
                    2, 3, 3);
            check(student, "7 images of 5 maps of 1 x 1", maps(7, new double[] {0, 1, 2, 3, 4}, new double[] {1, 1, 2, 2, 3}, 1,
                    SEED + 2), 5, 1, 1);
            DMatrixRMaj constant = maps(3, new double[] {2, 5}, new double[] {1, 1}, 4, SEED + 3);
            for (int n = 0; n < 3; n++) {
                for (int s = 0; s < 4; s++) {
                    constant.set(n, 4 + s, 5.0);
                }
            }
            check(student, "3 images of 2 maps of 2 x 2, map 1 constant", constant, 2, 2, 2);
        });
    }

    /** (m, C*positions) in NCHW order, map c drawn from N(mean_c, scale_c^2). */
    private static DMatrixRMaj maps(int m, double[] mean, double[] scale, int positions, long seed) {
        DMatrixRMaj u = Synthetic.gaussian(m, mean.length * positions, 1.0, seed);
        for (int n = 0; n < m; n++) {
            for (int c = 0; c < mean.length; c++) {
                for (int s = 0; s < positions; s++) {
                    u.set(n, c * positions + s, mean[c] + scale[c] * u.get(n, c * positions + s));
                }
            }
        }
        return u;
    }

    /**
     * {mean, variance} per map as a slip computes them: over the first {@code examples} rows, the
     * map's values read at column {@code channelsLast ? s C + c : c p q + s}, both sums divided by
     * {@code divisor} (the mean's) and {@code divisor - correction} (the variance's).
     */
    static double[][] statistics(DMatrixRMaj u, int channels, int examples, boolean channelsLast, double divisor, double correction) {
        return statistics(u, channels, examples, channelsLast, divisor, correction, null);
    }

    /**
     * As {@link #statistics(DMatrixRMaj, int, int, boolean, double, double)}, with the variance taken around
     * {@code around} when it is not null: the slip made in the variance's loop alone, after a right mean.
     */
    static double[][] statistics(DMatrixRMaj u, int channels, int examples, boolean channelsLast, double divisor, double correction,
                                 double[] around) {
        int positions = u.numCols / channels;
        double[] mean = new double[channels], var = new double[channels];
        for (int c = 0; c < channels; c++) {
            for (int n = 0; n < examples; n++) {
                for (int s = 0; s < positions; s++) {
                    mean[c] += u.get(n, channelsLast ? s * channels + c : c * positions + s);
                }
            }
            mean[c] /= divisor;
            double centre = around == null ? mean[c] : around[c];
            for (int n = 0; n < examples; n++) {
                for (int s = 0; s < positions; s++) {
                    var[c] += Math.pow(u.get(n, channelsLast ? s * channels + c : c * positions + s) - centre, 2);
                }
            }
            var[c] /= divisor - correction;
        }
        return new double[][] {mean, var};
    }

    private static void check(MapStatistics student, String name, DMatrixRMaj u, int channels, int height, int width) {
        int m = u.numRows, count = m * height * width;
        BatchNorm bn = BatchNorm.builder(channels).featureMaps(height, width).build();
        bn.forward(u, Mode.TRAIN);
        double[] mean = bn.lastMean().clone(), var = bn.lastVariance().clone();

        double[][] overM = statistics(u, channels, m, false, m, 0);
        double[][] firstImage = statistics(u, channels, 1, false, height * width, 0);
        double[][] nhwc = statistics(u, channels, m, true, count, 0);
        // the variance is checked once the mean is right: its slips are taken around the right mean
        double[] varOverM = statistics(u, channels, m, false, m, 0, mean)[1];
        double[] varFirstImage = statistics(u, channels, 1, false, height * width, 0, mean)[1];
        double[] varNhwc = statistics(u, channels, m, true, count, 0, mean)[1];
        double[] std = new double[channels], meanSquare = new double[channels], batchMean = new double[channels];
        double all = 0;
        for (double v : u.data) {
            all += v / u.getNumElements();
        }
        for (int c = 0; c < channels; c++) {
            std[c] = Math.sqrt(var[c]);
            meanSquare[c] = var[c] + mean[c] * mean[c];
            batchMean[c] = all;
        }

        DMatrixRMaj before = u.copy();
        double[][] mine = student.of(u, channels);
        Grading.unmodified("u", before, u);
        if (mine == null || mine.length != 2) {
            throw new ExerciseFailedException("return {mean, variance}, two arrays of length " + channels + ", got "
                    + (mine == null ? "null" : mine.length + " arrays") + ". Hint: new double[][] {mean, var}");
        }
        String layout = "map c of example n at position s is u.get(n, c * p * q + s) (NCHW)";
        Grading.close("the mean of each map for " + name, mean, mine[0], 1e-10,
                "average over all m' = m p q values of the map: every image and every position; " + layout,
                Grading.mistake("dividing the sum by m, the number of images, instead of m' = m p q", overM[0]),
                Grading.mistake("averaging over the first image only", firstImage[0]),
                Grading.mistake("reading the maps channels-last (column s C + c, NHWC) instead of NCHW (column c p q + s)", nhwc[0]),
                Grading.mistake("averaging over the whole batch, every map together", batchMean));
        List<Grading.Mistake> slips = new ArrayList<>(List.of(
                Grading.mistake("dividing by m, the number of images, instead of m' = m p q", varOverM),
                Grading.mistake("averaging over the first image only", varFirstImage),
                Grading.mistake("reading the maps channels-last (column s C + c, NHWC) instead of NCHW (column c p q + s)", varNhwc),
                Grading.mistake("returning the standard deviation, not the variance", std),
                Grading.mistake("taking the mean of the squares without subtracting the mean", meanSquare)));
        if (count > 1) {
            slips.add(Grading.mistake("dividing by m' - 1 (the unbiased variance); Algorithm 1's sigma2_B divides by m'",
                    statistics(u, channels, m, false, count, 1, mean)[1]));
        }
        Grading.close("the variance of each map for " + name, var, mine[1], 1e-10,
                "the mean of (u - mu_c)^2 over the m' = m p q values of map c, divided by m' (the biased variance of Algorithm 1); "
                        + layout,
                slips.toArray(new Grading.Mistake[0]));
    }
}
