package org.bnkit.exercise;

import org.bnkit.nn.Parameter;
import org.bnkit.probe.UpdateRatio;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.function.DoubleBinaryOperator;

import static org.bnkit.exercise.Solutions.failsWith;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The graders of notebooks 09 and 10 against the reference solutions and each named slip. */
class Notebook09To10Test {

    /** Dropout with the forward and backward factor written as f(keep, p) and b(keep, p); b applied to {@code back}. */
    private static DMatrixRMaj[] dropout(DMatrixRMaj x, DMatrixRMaj dY, DMatrixRMaj keep, double p, DoubleBinaryOperator forward,
                                         DoubleBinaryOperator backward, boolean backwardOfX) {
        DMatrixRMaj y = new DMatrixRMaj(x.numRows, x.numCols), dX = new DMatrixRMaj(x.numRows, x.numCols);
        for (int e = 0; e < x.getNumElements(); e++) {
            y.data[e] = x.data[e] * forward.applyAsDouble(keep.data[e], p);
            dX.data[e] = (backwardOfX ? x : dY).data[e] * backward.applyAsDouble(keep.data[e], p);
        }
        return new DMatrixRMaj[] {y, dX};
    }

    private static final DoubleBinaryOperator INVERTED = (keep, p) -> keep / (1 - p);

    private static void dropoutFailsWith(String message, DoubleBinaryOperator forward, DoubleBinaryOperator backward,
                                         boolean backwardOfX) {
        failsWith(message, () -> Notebook09.dropout((x, dY, keep, p) -> dropout(x, dY, keep, p, forward, backward, backwardOfX)));
    }

    @Test
    void dropout() {
        assertDoesNotThrow(() -> Notebook09.dropout((x, dY, keep, p) -> dropout(x, dY, keep, p, INVERTED, INVERTED, false)));
        dropoutFailsWith("leaving out the scale 1/(1 - p) (y = x keep)", (keep, p) -> keep, INVERTED, false);
        dropoutFailsWith("multiplying the kept entries by 1 - p", (keep, p) -> keep * (1 - p), INVERTED, false);
        dropoutFailsWith("dividing by p, the drop probability", (keep, p) -> keep / p, INVERTED, false);
        dropoutFailsWith("the mask read the wrong way round", (keep, p) -> (1 - keep) / (1 - p), INVERTED, false);
        dropoutFailsWith("passing dY through unchanged", INVERTED, (keep, p) -> 1, false);
        dropoutFailsWith("leaving out the mask in the backward pass", INVERTED, (keep, p) -> 1 / (1 - p), false);
        dropoutFailsWith("leaving out the scale 1/(1 - p) in the backward pass", INVERTED, (keep, p) -> keep, false);
        dropoutFailsWith("multiplying x, not dY", INVERTED, INVERTED, true);
        failsWith("your code changed its input keep", () -> Notebook09.dropout((x, dY, keep, p) -> {
            for (int e = 0; e < keep.getNumElements(); e++) keep.data[e] /= 1 - p;
            return dropout(x, dY, keep, p, (k, q) -> k, (k, q) -> k, false);
        }));
        failsWith("return {y, dX}, two matrices", () -> Notebook09.dropout((x, dY, keep, p) -> new DMatrixRMaj[] {x}));
        failsWith("is not implemented yet", () -> Notebook09.dropout((x, dY, keep, p) -> {
            throw Grading.notImplemented("scale the kept entries");
        }));
    }

    /** log10 of lr * norm(grad) / norm(W) with the norm and the final step given. */
    private interface Ratio {
        double of(double lr, double gradSquares, double valueSquares, double gradAbs, double valueAbs);
    }

    private static double ratio(Parameter w, double lr, Ratio r) {
        double g2 = 0, v2 = 0, g1 = 0, v1 = 0;
        for (int e = 0; e < w.size(); e++) {
            g2 += w.grad().data[e] * w.grad().data[e];
            v2 += w.value().data[e] * w.value().data[e];
            g1 += Math.abs(w.grad().data[e]);
            v1 += Math.abs(w.value().data[e]);
        }
        return r.of(lr, g2, v2, g1, v1);
    }

    private static void ratioFailsWith(String message, Ratio r) {
        failsWith(message, () -> Notebook09.updateRatio((w, lr) -> ratio(w, lr, r)));
    }

    @Test
    void updateRatio() {
        assertDoesNotThrow(() -> Notebook09.updateRatio((w, lr) ->
                ratio(w, lr, (eta, g2, v2, g1, v1) -> Math.log10(eta * Math.sqrt(g2) / Math.sqrt(v2)))));
        ratioFailsWith("without the square roots", (eta, g2, v2, g1, v1) -> Math.log10(eta * g2 / v2));
        ratioFailsWith("leaving out the learning rate", (eta, g2, v2, g1, v1) -> Math.log10(Math.sqrt(g2 / v2)));
        ratioFailsWith("multiplying the logarithm by the learning rate", (eta, g2, v2, g1, v1) -> eta * Math.log10(Math.sqrt(g2 / v2)));
        ratioFailsWith("the natural logarithm", (eta, g2, v2, g1, v1) -> Math.log(eta * Math.sqrt(g2) / Math.sqrt(v2)));
        ratioFailsWith("upside down", (eta, g2, v2, g1, v1) -> Math.log10(Math.sqrt(v2) / (eta * Math.sqrt(g2))));
        ratioFailsWith("the ratio itself, not its log10", (eta, g2, v2, g1, v1) -> eta * Math.sqrt(g2) / Math.sqrt(v2));
        ratioFailsWith("the l1 norm", (eta, g2, v2, g1, v1) -> Math.log10(eta * g1 / v1));
        failsWith("your code changed its input", () -> Notebook09.updateRatio((w, lr) -> {
            double r = UpdateRatio.log10(w, lr);
            w.grad().zero();
            return r;
        }));
    }

    @Test
    void updateRatioOfTheLibrary() {
        Parameter w = new Parameter("W", new DMatrixRMaj(2, 2, true, 3, 0, 0, 4));
        w.grad().data[0] = 0.5;
        w.grad().data[3] = 1.2;
        assertEquals(Math.log10(0.1 * 1.3 / 5), UpdateRatio.log10(w, 0.1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> UpdateRatio.log10(w, 0));
        assertThrows(IllegalArgumentException.class, () -> UpdateRatio.log10(new Parameter("Z", new DMatrixRMaj(2, 2)), 0.1));
    }

    @Test
    void perMapStatistics() {
        assertDoesNotThrow(() -> Notebook10.perMapStatistics((u, c) -> referenceStatistics(u, c)));
        failsWith("dividing the sum by m, the number of images", () -> Notebook10.perMapStatistics((u, c) ->
                Notebook10.statistics(u, c, u.numRows, false, u.numRows, 0)));
        failsWith("averaging over the first image only", () -> Notebook10.perMapStatistics((u, c) ->
                Notebook10.statistics(u, c, 1, false, u.numCols / c, 0)));
        failsWith("reading the maps channels-last", () -> Notebook10.perMapStatistics((u, c) ->
                Notebook10.statistics(u, c, u.numRows, true, u.numRows * (u.numCols / c), 0)));
        failsWith("dividing by m' - 1 (the unbiased variance)", () -> Notebook10.perMapStatistics((u, c) ->
                Notebook10.statistics(u, c, u.numRows, false, u.numRows * (u.numCols / c), 1)));
        // a right mean and a slip in the variance's loop alone
        failsWith("the variance of each map for 4 images of 3 maps of 5 x 5 is wrong", () -> Notebook10.perMapStatistics((u, c) ->
                varianceSlip(u, c, u.numRows, false, u.numRows)));
        failsWith("dividing by m, the number of images, instead of m' = m p q", () -> Notebook10.perMapStatistics((u, c) ->
                varianceSlip(u, c, u.numRows, false, u.numRows)));
        failsWith("averaging over the first image only", () -> Notebook10.perMapStatistics((u, c) ->
                varianceSlip(u, c, 1, false, u.numCols / c)));
        failsWith("reading the maps channels-last", () -> Notebook10.perMapStatistics((u, c) ->
                varianceSlip(u, c, u.numRows, true, u.numCols / c * u.numRows)));
        failsWith("returning the standard deviation", () -> Notebook10.perMapStatistics((u, c) -> {
            double[][] s = referenceStatistics(u, c);
            for (int k = 0; k < c; k++) s[1][k] = Math.sqrt(s[1][k]);
            return s;
        }));
        failsWith("the mean of the squares without subtracting the mean", () -> Notebook10.perMapStatistics((u, c) -> {
            double[][] s = referenceStatistics(u, c);
            for (int k = 0; k < c; k++) s[1][k] += s[0][k] * s[0][k];
            return s;
        }));
        failsWith("every map together", () -> Notebook10.perMapStatistics((u, c) -> {
            double[][] s = referenceStatistics(u, c);
            double all = 0;
            for (double v : u.data) all += v / u.getNumElements();
            java.util.Arrays.fill(s[0], all);
            return s;
        }));
        failsWith("two arrays of length 3", () -> Notebook10.perMapStatistics((u, c) -> new double[][] {new double[c]}));
        failsWith("has 2 values, expected 3", () -> Notebook10.perMapStatistics((u, c) -> new double[][] {new double[2], new double[2]}));
    }

    /** The right means, and the variances of a slip: around the right mean, over {@code examples} rows, read channels-last or not. */
    private static double[][] varianceSlip(DMatrixRMaj u, int channels, int examples, boolean channelsLast, double divisor) {
        double[] mean = referenceStatistics(u, channels)[0];
        return new double[][] {mean, Notebook10.statistics(u, channels, examples, channelsLast, divisor, 0, mean)[1]};
    }

    /** The per-map statistics with loops, as a student writes them. */
    private static double[][] referenceStatistics(DMatrixRMaj u, int channels) {
        int m = u.numRows, positions = u.numCols / channels;
        double[] mean = new double[channels], var = new double[channels];
        for (int c = 0; c < channels; c++) {
            for (int n = 0; n < m; n++) for (int s = 0; s < positions; s++) mean[c] += u.get(n, c * positions + s);
            mean[c] /= m * positions;
            for (int n = 0; n < m; n++) for (int s = 0; s < positions; s++) var[c] += Math.pow(u.get(n, c * positions + s) - mean[c], 2);
            var[c] /= m * positions;
        }
        return new double[][] {mean, var};
    }
}
