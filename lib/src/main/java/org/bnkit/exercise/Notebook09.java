package org.bnkit.exercise;

import org.bnkit.data.Synthetic;
import org.bnkit.nn.Dropout;
import org.bnkit.nn.Mode;
import org.bnkit.nn.Parameter;
import org.bnkit.probe.UpdateRatio;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * The graders of notebook 09's exercises: inverted dropout's forward and backward rule on a fixed
 * mask ([SH14]; the form of {@link Dropout}), and the update-to-data ratio of a weight matrix
 * (Karpathy's health check; {@link UpdateRatio}).
 */
public final class Notebook09 {
    private static final long SEED = 909;

    private Notebook09() {
    }

    /** A student's {y, dL/dx} of inverted dropout with drop probability p for the 0/1 mask keep; x, dY, keep not modified. */
    @FunctionalInterface
    public interface DropoutRule {
        DMatrixRMaj[] apply(DMatrixRMaj x, DMatrixRMaj dY, DMatrixRMaj keep, double p);
    }

    /** A student's log10(||lr dL/dW|| / ||W||) over all entries of w; w not modified. */
    @FunctionalInterface
    public interface RatioRule {
        double ratio(Parameter w, double lr);
    }

    /**
     * Exercise 9.1: against {@link Dropout#forward} and {@link Dropout#backward} of a held layer, on
     * the layer's own mask, at p = 0.3, 0.5 and 0 (where dropout is the identity).
     */
    public static void dropout(DropoutRule student) {
        Grading.exercise("9.1", "dropout forward and backward", () -> {
            checkDropout(student, 6, 8, 0.3, SEED);
            checkDropout(student, 5, 7, 0.5, SEED + 1);
            checkDropout(student, 3, 4, 0.0, SEED + 2);
        });
    }

    private static DMatrixRMaj times(DMatrixRMaj a, DMatrixRMaj keep, double scale) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        for (int e = 0; e < a.getNumElements(); e++) {
            out.data[e] = a.data[e] * keep.data[e] * scale;
        }
        return out;
    }

    private static void checkDropout(DropoutRule student, int n, int d, double p, long seed) {
        Dropout layer = new Dropout("drop", p, seed);
        layer.hold();
        DMatrixRMaj ones = new DMatrixRMaj(n, d);
        Arrays.fill(ones.data, 1.0);
        DMatrixRMaj keep = layer.forward(ones, Mode.TRAIN).copy();
        for (int e = 0; e < keep.getNumElements(); e++) {
            keep.data[e] = Math.round(keep.data[e] * (1 - p));   // the held mask r / (1 - p), back to r in {0, 1}
        }
        DMatrixRMaj x = Synthetic.gaussian(n, d, 1.0, seed + 10), dY = Synthetic.gaussian(n, d, 1.0, seed + 20);
        DMatrixRMaj y = layer.forward(x, Mode.TRAIN).copy(), dX = layer.backward(dY).copy();
        DMatrixRMaj flipped = keep.copy();
        for (int e = 0; e < flipped.getNumElements(); e++) {
            flipped.data[e] = 1 - keep.data[e];
        }
        DMatrixRMaj allKept = ones;
        String where = String.format(" (%d x %d, p = %s)", n, d, p);

        DMatrixRMaj xBefore = x.copy(), dYBefore = dY.copy(), keepBefore = keep.copy();
        DMatrixRMaj[] mine = student.apply(x, dY, keep, p);
        Grading.unmodified("x", xBefore, x);
        Grading.unmodified("dY", dYBefore, dY);
        Grading.unmodified("keep", keepBefore, keep);
        if (mine == null || mine.length != 2) {
            throw new ExerciseFailedException("return {y, dX}, two matrices, got "
                    + (mine == null ? "null" : mine.length + " of them") + ". Hint: new DMatrixRMaj[] {y, dX}");
        }
        String hint = "y = x keep / (1 - p): the kept entries are divided by 1 - p so that the expected output equals x";
        if (p > 0) {
            Grading.close("y" + where, y, mine[0], 1e-12, hint,
                    Grading.mistake("leaving out the scale 1/(1 - p) (y = x keep)", times(x, keep, 1)),
                    Grading.mistake("multiplying the kept entries by 1 - p instead of dividing by it", times(x, keep, 1 - p)),
                    Grading.mistake("dividing by p, the drop probability, instead of by 1 - p", times(x, keep, 1 / p)),
                    Grading.mistake("keeping the entries where keep = 0 (the mask read the wrong way round)",
                            times(x, flipped, 1 / (1 - p))));
        } else {
            Grading.close("y" + where, y, mine[0], 1e-12, hint + "; with p = 0 nothing is dropped and y = x");
        }
        Grading.close("dL/dx" + where, dX, mine[1], 1e-12,
                "y_i = x_i keep_i / (1 - p), so dL/dx_i = dL/dy_i keep_i / (1 - p): the same mask and scale as the forward pass",
                Grading.mistake("passing dY through unchanged (dX = dY)", times(dY, allKept, 1)),
                Grading.mistake("leaving out the mask in the backward pass (dX = dY / (1 - p))", times(dY, allKept, 1 / (1 - p))),
                Grading.mistake("leaving out the scale 1/(1 - p) in the backward pass (dX = dY keep)", times(dY, keep, 1)),
                Grading.mistake("multiplying x, not dY, by the mask in the backward pass", times(x, keep, 1 / (1 - p))));
    }

    /**
     * Exercise 9.2: against {@link UpdateRatio#log10} on three weight matrices (a 2 x 2 with round
     * norms, a 30 x 20 and a 3 x 7) at three learning rates; also checks that w is left as it was.
     */
    public static void updateRatio(RatioRule student) {
        Grading.exercise("9.2", "update-to-data ratio", () -> {
            Parameter square = new Parameter("W (2 x 2, ||W|| = 5, ||grad|| = 1.3)", new DMatrixRMaj(2, 2, true, 3, 0, 0, 4));
            square.grad().data[0] = 0.5;
            square.grad().data[3] = 1.2;
            Parameter[] ws = {square, random("W (30 x 20)", 30, 20, 0.1, 1e-3, SEED + 30),
                              random("W (3 x 7)", 3, 7, 2.0, 5.0, SEED + 31)};
            double[] lrs = {0.1, 0.02, 0.5};
            int k = ws.length;
            double[] expected = new double[k], mine = new double[k], squared = new double[k], noRate = new double[k],
                    rateOutside = new double[k], natural = new double[k], inverted = new double[k], notLog = new double[k],
                    l1 = new double[k];
            for (int i = 0; i < k; i++) {
                Parameter w = ws[i];
                double g2 = 0, v2 = 0, g1 = 0, v1 = 0;
                for (int e = 0; e < w.size(); e++) {
                    g2 += w.grad().data[e] * w.grad().data[e];
                    v2 += w.value().data[e] * w.value().data[e];
                    g1 += Math.abs(w.grad().data[e]);
                    v1 += Math.abs(w.value().data[e]);
                }
                double lr = lrs[i], ratio = lr * Math.sqrt(g2) / Math.sqrt(v2);
                expected[i] = UpdateRatio.log10(w, lr);
                squared[i] = Math.log10(lr * g2 / v2);
                noRate[i] = Math.log10(Math.sqrt(g2) / Math.sqrt(v2));
                rateOutside[i] = lr * noRate[i];
                natural[i] = Math.log(ratio);
                inverted[i] = -expected[i];
                notLog[i] = ratio;
                l1[i] = Math.log10(lr * g1 / v1);
                DMatrixRMaj value = w.value().copy(), grad = w.grad().copy();
                mine[i] = student.ratio(w, lr);
                Grading.unmodified(w.name() + "'s value", value, w.value());
                Grading.unmodified(w.name() + "'s gradient", grad, w.grad());
            }
            Grading.close("the ratio of " + ws[0].name() + " at lr 0.1, " + ws[1].name() + " at lr 0.02 and " + ws[2].name()
                            + " at lr 0.5", expected, mine, 1e-12,
                    "the l2 norm over all entries is sqrt(sum of squares); return log10(lr * ||grad|| / ||W||)",
                    Grading.mistake("taking the sums of squares without the square roots", squared),
                    Grading.mistake("leaving out the learning rate", noRate),
                    Grading.mistake("multiplying the logarithm by the learning rate instead of the gradient", rateOutside),
                    Grading.mistake("taking the natural logarithm instead of log10", natural),
                    Grading.mistake("turning the ratio upside down, ||W|| / ||lr grad||", inverted),
                    Grading.mistake("returning the ratio itself, not its log10", notLog),
                    Grading.mistake("taking the l1 norm (the sum of |entries|) instead of the l2 norm", l1));
        });
    }

    private static Parameter random(String name, int rows, int cols, double valueScale, double gradScale, long seed) {
        Parameter w = new Parameter(name, Synthetic.gaussian(rows, cols, valueScale, seed));
        w.grad().setTo(Synthetic.gaussian(rows, cols, gradScale, seed + 1));
        return w;
    }
}
