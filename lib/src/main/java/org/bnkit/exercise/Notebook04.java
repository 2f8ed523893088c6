package org.bnkit.exercise;

import org.bnkit.check.Tolerances;
import org.bnkit.data.Synthetic;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.Mode;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The grader of notebook 04's exercise: BN's backward pass ([IS15] section 3) for convolutional
 * activations (section 3.2), where every sum of the chain rule runs over the m' = N*H*W values
 * of a feature map.
 */
public final class Notebook04 {
    private static final double EPS = BatchNorm.DEFAULT_EPS;
    private static final long SEED = 404;

    private Notebook04() {
    }

    /**
     * A student's per-map BN backward in training mode: x, dY (N, C*H*W) in NCHW order, not
     * modified; gamma of length C. Returns dl/dx and writes dl/dgamma, dl/dbeta (length C).
     */
    @FunctionalInterface
    public interface MapsBackward {
        DMatrixRMaj backward(DMatrixRMaj x, int channels, int height, int width, double[] gamma, double eps, DMatrixRMaj dY,
                             double[] dGamma, double[] dBeta);
    }

    /** Exercise 4.1: against {@link BatchNorm#backward} over feature maps on four batches, then finite differences. */
    public static void bnBackwardMaps(MapsBackward student) {
        Grading.exercise("4.1", "BN backward over feature maps", () -> {
            DMatrixRMaj constant = Synthetic.gaussian(3, 2 * 4, 1.0, SEED + 2);
            for (int r = 0; r < 3; r++) {
                for (int p = 0; p < 4; p++) {
                    constant.set(r, 4 + p, 4.0);
                }
            }
            checkBackward(student, "4 examples of 3 maps of 5 x 5", Synthetic.gaussian(4, 75, 2.0, SEED), 3, 5, 5,
                    new double[] {1.5, -0.7, 0.25}, Synthetic.gaussian(4, 75, 1.0, SEED + 1));
            checkBackward(student, "1 x 1 maps: a 60 x 20 batch of features", Synthetic.gaussian(60, 20, 1.0, SEED + 3), 20, 1, 1,
                    alternating(20), Synthetic.gaussian(60, 20, 1.0, SEED + 4));
            checkBackward(student, "3 examples of two 2 x 2 maps, map 1 constant", constant, 2, 2, 2, new double[] {2.0, 0.5},
                    Synthetic.gaussian(3, 8, 1.0, SEED + 5));
            checkBackward(student, "a single example of two 3 x 3 maps", Synthetic.gaussian(1, 18, 1.0, SEED + 6), 2, 3, 3,
                    new double[] {1.0, 3.0}, Synthetic.gaussian(1, 18, 1.0, SEED + 7));
            checkFiniteDifferences(student);
        });
    }

    private static double[] alternating(int d) {
        double[] gamma = new double[d];
        for (int j = 0; j < d; j++) {
            gamma[j] = (j % 2 == 0 ? 1 : -1) * (0.25 + 0.05 * j);
        }
        return gamma;
    }

    private static BatchNorm layer(int channels, int height, int width, double[] gamma, double eps) {
        BatchNorm bn = BatchNorm.builder(channels).featureMaps(height, width).eps(eps).build();
        System.arraycopy(gamma, 0, bn.gamma().value().data, 0, channels);
        return bn;
    }

    /**
     * dl/dx by the chain rule over feature maps, with paths optionally left out: dl/dx = gamma/s
     * (g - [mean g] - [x_hat mean(g x_hat)]), the means taken as sums divided by {@code divisor}.
     */
    static DMatrixRMaj chainRule(DMatrixRMaj x, int channels, int positions, double[] gamma, double eps, DMatrixRMaj dY,
                                 boolean meanPath, boolean variancePath, int divisor) {
        int n = x.numRows, count = n * positions;
        DMatrixRMaj dX = new DMatrixRMaj(n, channels * positions);
        for (int c = 0; c < channels; c++) {
            double mu = 0, var = 0;
            for (int r = 0; r < n; r++) {
                for (int p = 0; p < positions; p++) {
                    mu += x.get(r, c * positions + p) / count;
                }
            }
            for (int r = 0; r < n; r++) {
                for (int p = 0; p < positions; p++) {
                    var += Math.pow(x.get(r, c * positions + p) - mu, 2) / count;
                }
            }
            double s = Math.sqrt(var + eps), sumG = 0, sumGX = 0;
            for (int r = 0; r < n; r++) {
                for (int p = 0; p < positions; p++) {
                    int k = c * positions + p;
                    sumG += dY.get(r, k);
                    sumGX += dY.get(r, k) * (x.get(r, k) - mu) / s;
                }
            }
            for (int r = 0; r < n; r++) {
                for (int p = 0; p < positions; p++) {
                    int k = c * positions + p;
                    double g = dY.get(r, k) - (meanPath ? sumG / divisor : 0)
                            - (variancePath ? (x.get(r, k) - mu) / s * sumGX / divisor : 0);
                    dX.set(r, k, gamma[c] / s * g);
                }
            }
        }
        return dX;
    }

    private static void checkBackward(MapsBackward student, String name, DMatrixRMaj x, int channels, int height, int width,
                                      double[] gamma, DMatrixRMaj dY) {
        int n = x.numRows, positions = height * width, count = n * positions;
        BatchNorm ref = layer(channels, height, width, gamma, EPS);
        ref.forward(x, Mode.TRAIN);
        DMatrixRMaj dxRef = ref.backward(dY).copy();
        double[] var = ref.lastVariance(), mean = ref.lastMean(), dGammaNoHat = new double[channels];
        DMatrixRMaj noGamma = dxRef.copy();
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < channels * positions; k++) {
                int c = k / positions;
                noGamma.set(r, k, dxRef.get(r, k) / gamma[c]);
                dGammaNoHat[c] += dY.get(r, k) * (x.get(r, k) - mean[c]);
            }
        }
        DMatrixRMaj dxPerPosition = null;
        if (n >= 2) {
            BatchNorm perPosition = BatchNorm.builder(channels * positions).eps(EPS).build();
            for (int k = 0; k < channels * positions; k++) {
                perPosition.gamma().value().data[k] = gamma[k / positions];
            }
            perPosition.forward(x, Mode.TRAIN);
            dxPerPosition = perPosition.backward(dY).copy();
        }

        DMatrixRMaj xBefore = x.copy(), dYBefore = dY.copy();
        double[] dGammaMine = new double[channels], dBetaMine = new double[channels];
        DMatrixRMaj dxMine = student.backward(x, channels, height, width, gamma.clone(), EPS, dY, dGammaMine, dBetaMine);
        Grading.unmodified("x", xBefore, x);
        Grading.unmodified("dY", dYBefore, dY);
        List<Grading.Mistake> slips = new ArrayList<>(List.of(
            Grading.mistake("keeping only the direct path, gamma g_i / s (mu_B and sigma2_B treated as constants)",
                    chainRule(x, channels, positions, gamma, EPS, dY, false, false, count)),
            Grading.mistake("leaving out the path through sigma2_B (the term -x_hat_i sum_j g_j x_hat_j / m')",
                    chainRule(x, channels, positions, gamma, EPS, dY, true, false, count)),
            Grading.mistake("leaving out the path through mu_B (the term -sum_j g_j / m')",
                    chainRule(x, channels, positions, gamma, EPS, dY, false, true, count)),
            Grading.mistake("dividing the sums over a map by N, the number of examples, instead of m' = N*H*W",
                    chainRule(x, channels, positions, gamma, EPS, dY, true, true, n)),
            Grading.mistake("leaving out the factor gamma of dl/dx_hat_i = gamma dl/dy_i", noGamma)));
        if (dxPerPosition != null) {
            slips.add(Grading.mistake("treating each position as its own feature (statistics and sums over the N examples only)",
                    dxPerPosition));
        }
        Grading.close("dl/dx for " + name, dxRef, dxMine, 1e-10,
                "for map c, with g = dY, s = sqrt(sigma2_c + eps) and every sum over the m' = N*H*W values of the map: "
                        + "dl/dx_i = gamma_c / (m' s) (m' g_i - sum_j g_j - x_hat_i sum_j g_j x_hat_j)",
                slips.toArray(new Grading.Mistake[0]));
        Grading.close("dl/dgamma for " + name, Arrays.copyOf(ref.gamma().grad().data, channels), dGammaMine, 1e-10,
                "dl/dgamma_c = sum of g x_hat over every value of map c in the batch",
                Grading.mistake("summing g (x - mu_c) instead of g x_hat", dGammaNoHat));
        Grading.close("dl/dbeta for " + name, Arrays.copyOf(ref.beta().grad().data, channels), dBetaMine, 1e-10,
                "dl/dbeta_c = the sum of dY over every value of map c in the batch");
    }

    /** l = sum BN(x) G of a per-map BN in training mode: the forward pass only. */
    private static double forwardLoss(DMatrixRMaj in, int channels, int height, int width, double[] gamma, DMatrixRMaj g) {
        DMatrixRMaj y = layer(channels, height, width, gamma, EPS).forward(in, Mode.TRAIN);
        double l = 0;
        for (int k = 0; k < y.getNumElements(); k++) {
            l += y.data[k] * g.data[k];
        }
        return l;
    }

    /** dl/dx against fourth-order differences of the forward pass, independent of the library's backward. */
    private static void checkFiniteDifferences(MapsBackward student) {
        int channels = 2, height = 2, width = 2, n = 3, size = n * channels * height * width;
        double[] gamma = {1.5, -0.5};
        DMatrixRMaj x = Synthetic.gaussian(n, channels * height * width, 1.0, SEED + 8);
        DMatrixRMaj g = Synthetic.gaussian(n, channels * height * width, 1.0, SEED + 9);
        double h = Tolerances.FOURTH_ORDER_STEP;
        DMatrixRMaj numeric = new DMatrixRMaj(x.numRows, x.numCols), xp = x.copy();
        for (int k = 0; k < size; k++) {
            double[] f = new double[5];
            for (int q = -2; q <= 2; q++) {
                xp.data[k] = x.data[k] + q * h;
                f[q + 2] = forwardLoss(xp, channels, height, width, gamma, g);
            }
            xp.data[k] = x.data[k];
            numeric.data[k] = (f[0] - 8 * f[1] + 8 * f[3] - f[4]) / (12 * h);
        }
        Grading.close("dl/dx against finite differences of the forward pass (3 examples of two 2 x 2 maps)", numeric,
                student.backward(x, channels, height, width, gamma.clone(), EPS, g, new double[channels], new double[channels]),
                Tolerances.GRADIENT_CHECK,
                "differentiate the whole forward pass: x_i reaches l directly, through mu_c and through sigma2_c");
    }
}
