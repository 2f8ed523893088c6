package org.bnkit.exercise;

import org.bnkit.data.Synthetic;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.Mode;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The graders of notebook 03's exercises: Algorithm 1 of [IS15], per activation and per feature map (section 3.2). */
public final class Notebook03 {
    private static final double EPS = BatchNorm.DEFAULT_EPS;
    private static final long SEED = 303;

    private Notebook03() {
    }

    /** A student's y = BN(x) in training mode: x (m, d), not modified; gamma, beta of length d. */
    @FunctionalInterface
    public interface Forward {
        DMatrixRMaj forward(DMatrixRMaj x, double[] gamma, double[] beta, double eps);
    }

    /** A student's per-map BN: x (N, C*H*W) in NCHW order, not modified; gamma, beta of length C. */
    @FunctionalInterface
    public interface MapsForward {
        DMatrixRMaj forward(DMatrixRMaj x, int channels, int height, int width, double[] gamma, double[] beta, double eps);
    }

    /** Features of different means (5, -2, 0.1) and scales (3, 0.5, 0.01), m examples. */
    static DMatrixRMaj spreadBatch(int m, long seed) {
        DMatrixRMaj x = Synthetic.gaussian(m, 3, 1.0, seed);
        double[] means = {5, -2, 0.1}, scales = {3, 0.5, 0.01};
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < 3; j++) {
                x.set(i, j, means[j] + scales[j] * x.get(i, j));
            }
        }
        return x;
    }

    /** Exercise 3.1: against {@link BatchNorm} in training mode on four batches, naming three slips. */
    public static void bnForward(Forward student) {
        Grading.exercise("3.1", "Algorithm 1", () -> {
            double[] g100 = new double[100];
            Arrays.fill(g100, 1.0);
            DMatrixRMaj constant = Synthetic.gaussian(5, 3, 1.0, SEED + 2);
            for (int i = 0; i < 5; i++) {
                constant.set(i, 1, 4.0);
            }
            checkForward(student, "8 examples of 3 features with means 5, -2, 0.1 and scales 3, 0.5, 0.01", spreadBatch(8, SEED),
                    new double[] {2.0, 0.5, 1.0}, new double[] {1.0, -1.0, 0.0});
            checkForward(student, "a 60 x 100 batch with gamma = 1, beta = 0", Synthetic.gaussian(60, 100, 2.0, SEED + 1), g100,
                    new double[100]);
            checkForward(student, "a 5 x 3 batch whose feature 2 is constant (expect y = beta there)", constant,
                    new double[] {0.5, 3.0, -2.0}, new double[] {1.0, 7.0, 0.0});
            checkForward(student, "a batch of m = 2", Synthetic.gaussian(2, 4, 3.0, SEED + 3),
                    new double[] {1, 2, 3, 4}, new double[] {-1, 0, 1, 2});
        });
    }

    /** The library's y = BN(x) in training mode with the given gamma, beta and eps (a copy). */
    static DMatrixRMaj libraryForward(DMatrixRMaj x, double[] gamma, double[] beta, double eps) {
        BatchNorm layer = BatchNorm.builder(x.numCols).eps(eps).build();
        System.arraycopy(gamma, 0, layer.gamma().value().data, 0, gamma.length);
        System.arraycopy(beta, 0, layer.beta().value().data, 0, beta.length);
        return layer.forward(x, Mode.TRAIN).copy();
    }

    private static void checkForward(Forward student, String name, DMatrixRMaj x, double[] gamma, double[] beta) {
        int m = x.numRows, d = x.numCols;
        double[] ones = new double[d], shrunk = new double[d];
        Arrays.fill(ones, 1.0);
        for (int j = 0; j < d; j++) {
            shrunk[j] = gamma[j] * Math.sqrt((m - 1.0) / m);
        }
        DMatrixRMaj expected = libraryForward(x, gamma, beta, EPS), before = x.copy();
        DMatrixRMaj mine = student.forward(x, gamma.clone(), beta.clone(), EPS);
        Grading.unmodified("x", before, x);
        Grading.close("y = BN(x) for " + name, expected, mine, 1e-10,
                "per column j: mu_j = 1/m sum_i x_ij, sigma2_j = 1/m sum_i (x_ij - mu_j)^2, "
                        + "y_ij = gamma_j (x_ij - mu_j) / sqrt(sigma2_j + eps) + beta_j",
                Grading.mistake("leaving out the scale and shift (y = x_hat)", libraryForward(x, ones, new double[d], EPS)),
                Grading.mistake("dividing the variance by m - 1 instead of m", libraryForward(x, shrunk, beta, EPS * (m - 1) / m)),
                // eps = 0, but for the 0/0 of a constant feature, which the library refuses: there the slip gives beta too
                Grading.mistake("leaving eps out of the square root", libraryForward(x, gamma, beta, Double.MIN_VALUE)));
    }

    /** Exercise 3.2: against the library's per-map {@link BatchNorm} on four batches, naming two slips. */
    public static void bnForwardMaps(MapsForward student) {
        Grading.exercise("3.2", "BN over feature maps", () -> {
            DMatrixRMaj maps = Synthetic.gaussian(4, 3 * 25, 1.0, SEED + 10);
            double[] mapMean = {-3, 0, 4}, mapStd = {0.5, 2, 1};
            for (int n = 0; n < 4; n++) {
                for (int k = 0; k < 75; k++) {
                    maps.set(n, k, mapMean[k / 25] + mapStd[k / 25] * maps.get(n, k));
                }
            }
            DMatrixRMaj constantMap = Synthetic.gaussian(3, 2 * 4, 1.0, SEED + 12);
            for (int r = 0; r < 3; r++) {
                for (int p = 0; p < 4; p++) {
                    constantMap.set(r, 4 + p, -0.5);
                }
            }
            checkMaps(student, "4 examples of 3 maps of 5 x 5", maps, 3, 5, 5, new double[] {2, 0.5, -1}, new double[] {0, 1, -3});
            checkMaps(student, "1 x 1 maps: 8 examples of 3 features", spreadBatch(8, SEED), 3, 1, 1,
                    new double[] {2.0, 0.5, 1.0}, new double[] {1.0, -1.0, 0.0});
            checkMaps(student, "a single example of two 4 x 4 maps", Synthetic.gaussian(1, 2 * 16, 2.0, SEED + 11), 2, 4, 4,
                    new double[] {1.5, -0.5}, new double[] {0.25, 2});
            checkMaps(student, "3 examples of two 2 x 2 maps, map 1 constant (expect y = beta there)", constantMap, 2, 2, 2,
                    new double[] {3, 4}, new double[] {-1, 5});
        });
    }

    /** The library's per-map BN in training mode (a copy); per activation (statistics per position) with perPosition. */
    static DMatrixRMaj libraryMaps(DMatrixRMaj x, int channels, int height, int width, double[] gamma, double[] beta,
                                   boolean perPosition) {
        int positions = height * width;
        BatchNorm layer = perPosition ? BatchNorm.builder(channels * positions).eps(EPS).build()
                : BatchNorm.builder(channels).featureMaps(height, width).eps(EPS).build();
        for (int k = 0; k < layer.gamma().value().numCols; k++) {
            layer.gamma().value().data[k] = gamma[perPosition ? k / positions : k];
            layer.beta().value().data[k] = beta[perPosition ? k / positions : k];
        }
        return layer.forward(x, Mode.TRAIN).copy();
    }

    private static void checkMaps(MapsForward student, String name, DMatrixRMaj x, int channels, int height, int width,
                                  double[] gamma, double[] beta) {
        DMatrixRMaj expected = libraryMaps(x, channels, height, width, gamma, beta, false), before = x.copy();
        double[] ones = new double[channels];
        Arrays.fill(ones, 1.0);
        List<Grading.Mistake> slips = new ArrayList<>();
        slips.add(Grading.mistake("leaving out the scale and shift (y = x_hat)",
                libraryMaps(x, channels, height, width, ones, new double[channels], false)));
        if (x.numRows >= 2 && height * width > 1) {
            slips.add(Grading.mistake("normalizing each position on its own (per activation) instead of each map over all "
                    + "its positions", libraryMaps(x, channels, height, width, gamma, beta, true)));
        }
        DMatrixRMaj mine = student.forward(x, channels, height, width, gamma.clone(), beta.clone(), EPS);
        Grading.unmodified("x", before, x);
        Grading.close("y for " + name, expected, mine, 1e-10,
                "map c is columns c*H*W to (c+1)*H*W - 1 of every row: mu_c and sigma2_c (divided by m' = N*H*W) over all "
                        + "of them, then y = gamma_c (x - mu_c) / sqrt(sigma2_c + eps) + beta_c",
                slips.toArray(new Grading.Mistake[0]));
    }
}
