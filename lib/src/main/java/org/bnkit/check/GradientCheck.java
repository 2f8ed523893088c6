package org.bnkit.check;

import org.bnkit.data.Batch;
import org.bnkit.nn.Layer;
import org.bnkit.nn.Loss;
import org.bnkit.nn.Mode;
import org.bnkit.nn.Parameter;
import org.bnkit.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Checks a backward pass against central finite differences, in float64.
 *
 * <p>The check uses the fourth-order central difference
 * <pre>
 *   df/dw_i ~ (f(w - 2h e_i) - 8 f(w - h e_i) + 8 f(w + h e_i) - f(w + 2h e_i)) / 12h,   h = 1e-3
 * </pre>
 * whose truncation error is O(h^4) = 1e-12 and rounding error about 1e-16 |f| / h = 1e-13 |f|.
 * The textbook two-point form {@link #centralDifference} ((f(w + h) - f(w - h)) / 2h, h = 1e-5)
 * has a rounding error near 1e-11 |f|: too coarse to verify, to 1e-7, the small input gradients of
 * a deep sigmoid network (about 1e-4 of the loss).
 *
 * <p>For each tensor (the input and every parameter) the result reports the largest absolute
 * difference between the analytic and the numerical gradient, relative to the largest gradient
 * entry of that tensor: {@code max_i |a_i - n_i| / max_i max(|a_i|, |n_i|)}. A correct backward
 * pass gives about 1e-9 or less; {@link Tolerances#GRADIENT_CHECK} accepts up to 1e-7.
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /** The comparison for one tensor. */
    public record TensorError(String name, int entriesChecked, double maxAbsoluteError, double scale) {
        /** maxAbsoluteError / scale (0 if both are 0). */
        public double relativeError() {
            if (maxAbsoluteError == 0) {
                return 0;
            }
            return maxAbsoluteError / scale;
        }
    }

    /** The comparison for every tensor of a check. */
    public record Result(List<TensorError> tensors) {
        /** The largest relative error over all tensors. */
        public double maxRelativeError() {
            double m = 0;
            for (TensorError t : tensors) {
                m = Math.max(m, t.relativeError());
            }
            return m;
        }

        /** Whether every tensor is within {@code tolerance}. */
        public boolean passes(double tolerance) {
            return maxRelativeError() < tolerance;
        }

        /** Throws an error naming each tensor over {@link Tolerances#GRADIENT_CHECK}. */
        public Result requirePasses() {
            if (!passes(Tolerances.GRADIENT_CHECK)) {
                throw new AssertionError("Gradient check failed (tolerance " + Tolerances.GRADIENT_CHECK + "):\n" + this);
            }
            return this;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            for (TensorError t : tensors) {
                s.append(String.format("%-14s %7d entries  max |analytic - numerical| = %.3e  relative error = %.3e%n",
                        t.name(), t.entriesChecked(), t.maxAbsoluteError(), t.relativeError()));
            }
            return s.toString().stripTrailing();
        }
    }

    /**
     * Checks a layer's backward pass for the scalar f = sum(y .* R), with R a fixed random matrix,
     * so that dL/dy = R.
     *
     * @param layer the layer; its parameter gradients are Modified (zeroed, then set)
     * @param x     input, (N, D). Modified during the check and restored.
     * @param mode  TRAIN or EVAL
     * @param seed  seed of R
     */
    public static Result layer(Layer layer, DMatrixRMaj x, Mode mode, long seed) {
        DMatrixRMaj y0 = layer.forward(x, mode);
        DMatrixRMaj r = new DMatrixRMaj(y0.numRows, y0.numCols);
        Random rng = new Random(seed);
        for (int k = 0; k < r.getNumElements(); k++) {
            r.data[k] = rng.nextGaussian();
        }
        DoubleSupplier f = () -> {
            DMatrixRMaj y = layer.forward(x, mode);
            double s = 0;
            for (int k = 0; k < y.getNumElements(); k++) {
                s += y.data[k] * r.data[k];
            }
            return s;
        };
        for (Parameter p : layer.parameters()) {
            p.zeroGrad();
        }
        layer.forward(x, mode);
        DMatrixRMaj dX = layer.backward(r).copy();
        List<TensorError> errors = new ArrayList<>();
        errors.add(compare("dX", x.data, x.getNumElements(), dX.data, f, Integer.MAX_VALUE, rng));
        for (Parameter p : layer.parameters()) {
            errors.add(compare("d" + p.name(), p.value().data, p.size(), p.grad().data.clone(), f, Integer.MAX_VALUE, rng));
        }
        return new Result(errors);
    }

    /**
     * Checks a whole network with its loss: every parameter (at most {@code maxEntries} randomly
     * chosen entries per tensor) and the input.
     *
     * @param model      the network; gradients Modified
     * @param maxEntries entries checked per tensor (all if the tensor is smaller)
     * @param seed       seed of the choice of entries
     */
    public static Result model(Sequential model, Loss loss, Batch batch, Mode mode, int maxEntries, long seed) {
        DoubleSupplier f = () -> loss.forward(model.forward(batch.x(), mode), batch);
        model.zeroGrad();
        f.getAsDouble();
        DMatrixRMaj dX = model.backward(loss.backward()).copy();
        Random rng = new Random(seed);
        List<TensorError> errors = new ArrayList<>();
        errors.add(compare("dX", batch.x().data, batch.x().getNumElements(), dX.data, f, maxEntries, rng));
        for (Parameter p : model.parameters()) {
            errors.add(compare("d" + p.name(), p.value().data, p.size(), p.grad().data.clone(), f, maxEntries, rng));
        }
        return new Result(errors);
    }

    /**
     * The textbook central difference (f(w + h) - f(w - h)) / 2h of {@code f} with respect to
     * {@code values[i]}, h = {@value Tolerances#FINITE_DIFFERENCE_STEP}; restores the value after.
     */
    public static double centralDifference(DoubleSupplier f, double[] values, int i) {
        return centralDifference(f, values, i, Tolerances.FINITE_DIFFERENCE_STEP);
    }

    /**
     * The central difference (f(w + h) - f(w - h)) / 2h with a step {@code h} of the caller's
     * choice (truncation error O(h^2), rounding error about 1e-16 |f| / h); restores the value after.
     */
    public static double centralDifference(DoubleSupplier f, double[] values, int i, double h) {
        requirePositiveStep(h);
        double old = values[i];
        values[i] = old + h;
        double plus = f.getAsDouble();
        values[i] = old - h;
        double minus = f.getAsDouble();
        values[i] = old;
        return (plus - minus) / (2 * h);
    }

    /**
     * The fourth-order central difference of {@code f} with respect to {@code values[i]},
     * h = {@value Tolerances#FOURTH_ORDER_STEP}; restores the value after. This is what the
     * checks use.
     */
    public static double numericalDerivative(DoubleSupplier f, double[] values, int i) {
        return numericalDerivative(f, values, i, Tolerances.FOURTH_ORDER_STEP);
    }

    /**
     * The fourth-order central difference (f(w - 2h) - 8 f(w - h) + 8 f(w + h) - f(w + 2h)) / 12h
     * with a step {@code h} of the caller's choice (truncation error O(h^4)); restores the value
     * after. Notebook 04 sweeps h with it to show why the checks use h = 1e-3.
     */
    public static double numericalDerivative(DoubleSupplier f, double[] values, int i, double h) {
        requirePositiveStep(h);
        double old = values[i];
        values[i] = old + h;
        double p1 = f.getAsDouble();
        values[i] = old - h;
        double m1 = f.getAsDouble();
        values[i] = old + 2 * h;
        double p2 = f.getAsDouble();
        values[i] = old - 2 * h;
        double m2 = f.getAsDouble();
        values[i] = old;
        return (m2 - 8 * m1 + 8 * p1 - p2) / (12 * h);
    }

    private static void requirePositiveStep(double h) {
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("finite-difference step h must be positive and finite, got " + h);
        }
    }

    /** {@code |a - b| / max(|a|, |b|)}, 0 when both are 0: the elementwise relative error. */
    public static double relativeError(double a, double b) {
        double scale = Math.max(Math.abs(a), Math.abs(b));
        return scale == 0 ? 0 : Math.abs(a - b) / scale;
    }

    private static TensorError compare(String name, double[] values, int n, double[] analytic, DoubleSupplier f,
                                       int maxEntries, Random rng) {
        int[] entries = choose(n, maxEntries, rng);
        double maxAbs = 0, scale = 0;
        for (int i : entries) {
            double num = numericalDerivative(f, values, i);
            maxAbs = Math.max(maxAbs, Math.abs(analytic[i] - num));
            scale = Math.max(scale, Math.max(Math.abs(analytic[i]), Math.abs(num)));
        }
        return new TensorError(name, entries.length, maxAbs, scale);
    }

    /** All of 0..n-1, or {@code max} of them drawn without replacement. */
    private static int[] choose(int n, int max, Random rng) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (n <= max) {
            return idx;
        }
        for (int k = 0; k < max; k++) {
            int j = k + rng.nextInt(n - k);
            int t = idx[k];
            idx[k] = idx[j];
            idx[j] = t;
        }
        int[] chosen = new int[max];
        System.arraycopy(idx, 0, chosen, 0, max);
        return chosen;
    }
}
