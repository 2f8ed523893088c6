package org.bnkit.exercise;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.bnkit.exercise.Solutions.failsWith;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/** The grader of Exercise 4.1 against a reference BN backward over feature maps and each named slip. */
class Notebook04Test {

    /** The slips a student can make, as switches of one per-map backward pass. */
    private record Slips(boolean meanPath, boolean variancePath, boolean byExamples, boolean perPosition, boolean gamma,
                         boolean dGammaUnscaled) {
        static final Slips NONE = new Slips(true, true, false, false, true, false);
    }

    private static Notebook04.MapsBackward backward(Slips s) {
        return (x, channels, height, width, gamma, eps, dY, dGamma, dBeta) -> {
            int n = x.numRows, p = height * width;
            int groups = s.perPosition ? channels * p : channels;
            DMatrixRMaj dX = new DMatrixRMaj(n, channels * p);
            for (int c = 0; c < groups; c++) {
                int[] columns = s.perPosition ? new int[] {c} : java.util.stream.IntStream.range(c * p, (c + 1) * p).toArray();
                int count = n * columns.length, map = s.perPosition ? c / p : c;
                double mu = 0, var = 0, sumG = 0, sumGX = 0;
                for (int r = 0; r < n; r++) for (int k : columns) mu += x.get(r, k) / count;
                for (int r = 0; r < n; r++) for (int k : columns) var += Math.pow(x.get(r, k) - mu, 2) / count;
                double sd = Math.sqrt(var + eps);
                for (int r = 0; r < n; r++) {
                    for (int k : columns) {
                        sumG += dY.get(r, k);
                        sumGX += dY.get(r, k) * (x.get(r, k) - mu) / sd;
                    }
                }
                dBeta[map] += sumG;
                dGamma[map] += s.dGammaUnscaled ? sumGX * sd : sumGX;
                int divisor = s.byExamples ? n : count;
                for (int r = 0; r < n; r++) {
                    for (int k : columns) {
                        double g = dY.get(r, k) - (s.meanPath ? sumG / divisor : 0)
                                - (s.variancePath ? (x.get(r, k) - mu) / sd * sumGX / divisor : 0);
                        dX.set(r, k, (s.gamma ? gamma[map] : 1) / sd * g);
                    }
                }
            }
            return dX;
        };
    }

    @Test
    void theReferenceSolutionPasses() {
        assertDoesNotThrow(() -> Notebook04.bnBackwardMaps(backward(Slips.NONE)));
    }

    @Test
    void eachSlipIsNamed() {
        Slips ok = Slips.NONE;
        failsWith("keeping only the direct path", () -> Notebook04.bnBackwardMaps(backward(
                new Slips(false, false, false, false, true, false))));
        failsWith("leaving out the path through sigma2_B", () -> Notebook04.bnBackwardMaps(backward(
                new Slips(true, false, false, false, true, false))));
        failsWith("leaving out the path through mu_B", () -> Notebook04.bnBackwardMaps(backward(
                new Slips(false, true, false, false, true, false))));
        failsWith("dividing the sums over a map by N", () -> Notebook04.bnBackwardMaps(backward(
                new Slips(true, true, true, false, true, false))));
        failsWith("treating each position as its own feature", () -> Notebook04.bnBackwardMaps(backward(
                new Slips(true, true, false, true, true, false))));
        failsWith("leaving out the factor gamma", () -> Notebook04.bnBackwardMaps(backward(
                new Slips(true, true, false, false, false, false))));
        failsWith("summing g (x - mu_c) instead of g x_hat", () -> Notebook04.bnBackwardMaps(backward(
                new Slips(true, true, false, false, true, true))));
        failsWith("your code changed its input dY", () -> Notebook04.bnBackwardMaps((x, c, h, w, g, eps, dY, dG, dB) -> {
            DMatrixRMaj dx = backward(ok).backward(x, c, h, w, g, eps, dY, dG, dB);
            dY.set(0, 0, 7);
            return dx;
        }));
    }
}
