package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * "Noisy" BatchNorm of Santurkar et al. (2018), section 2.1: placed after a {@link BatchNorm}
 * layer, it moves the distribution of every unit's input at every training step, so that the
 * next layer sees a distribution with a non-zero mean and a non-unit variance that changes all
 * the time ("covariate shift" added on purpose).
 *
 * <p><b>Training mode</b>: at every forward call (one per training step), for each unit j,
 * <pre>
 *   a_j ~ U(scaleLow, scaleHigh)      b_j ~ U(shiftLow, shiftHigh)      drawn afresh
 *   y[n, j] = a_j x[n, j] + b_j
 * </pre>
 * The same a_j and b_j apply to every example of the batch: within a step the unit's input keeps
 * its shape but is scaled by a_j and moved by b_j, and both change at the next step. (Santurkar et
 * al. draw their noise per example from a distribution whose mean and variance change at every
 * step; the per-step, per-unit draw here is the part that makes the distribution move.)
 *
 * <p><b>Backward</b>: {@code dX[n, j] = a_j dY[n, j]}; the layer has no parameters.
 *
 * <p><b>Evaluation mode</b>: the expectation of the noise, {@code y = E[a] x + E[b]}, as dropout
 * uses its expectation at test time.
 *
 * <p>While {@link #hold() held}, training-mode forward passes reuse the last draw (probes,
 * gradient checks); closing the hold puts back the draw and the random source as they were, so
 * holding does not change later draws.
 */
public final class RandomScaleShift implements StatefulLayer {
    private final String name;
    private final int width;
    private final double scaleLow;
    private final double scaleHigh;
    private final double shiftLow;
    private final double shiftHigh;
    private final RandomSource rng;
    private final Holds holds = new Holds(this);

    private final double[] a;
    private final double[] b;
    private final double[] meanA;
    private final double[] meanB;
    private boolean drawn;

    private DMatrixRMaj x;
    private double[] lastScale;
    private DMatrixRMaj y;
    private DMatrixRMaj dX;

    private RandomScaleShift(Builder s) {
        this.name = s.name;
        this.width = s.width;
        this.scaleLow = s.scaleLow;
        this.scaleHigh = s.scaleHigh;
        this.shiftLow = s.shiftLow;
        this.shiftHigh = s.shiftHigh;
        this.rng = new RandomSource(s.seed);
        this.a = new double[width];
        this.b = new double[width];
        this.meanA = new double[width];
        this.meanB = new double[width];
        Arrays.fill(meanA, (scaleLow + scaleHigh) / 2);
        Arrays.fill(meanB, (shiftLow + shiftHigh) / 2);
    }

    /** Settings for a layer over {@code width} units. Required: the seed. */
    public static Builder builder(int width) {
        return new Builder(width);
    }

    /** The settings of a {@link RandomScaleShift}. Defaults: a ~ U(0.5, 2), b ~ U(-1, 1). */
    public static final class Builder {
        private final int width;
        private String name = "noise";
        private double scaleLow = 0.5;
        private double scaleHigh = 2.0;
        private double shiftLow = -1.0;
        private double shiftHigh = 1.0;
        private long seed;
        private boolean seedSet;

        private Builder(int width) {
            this.width = Shapes.checkedFeatures("RandomScaleShift", width);
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The range of the scale a: U(low, high), with 0 &lt;= low &lt;= high. */
        public Builder scale(double low, double high) {
            if (!(low >= 0 && high >= low) || Double.isInfinite(high)) {
                throw new IllegalArgumentException("RandomScaleShift: the scale range needs 0 <= low <= high (finite), got ["
                        + low + ", " + high + "]");
            }
            this.scaleLow = low;
            this.scaleHigh = high;
            return this;
        }

        /** The range of the shift b: U(low, high), with low &lt;= high. */
        public Builder shift(double low, double high) {
            if (!(high >= low) || Double.isInfinite(low) || Double.isInfinite(high)) {
                throw new IllegalArgumentException("RandomScaleShift: the shift range needs low <= high (finite), got ["
                        + low + ", " + high + "]");
            }
            this.shiftLow = low;
            this.shiftHigh = high;
            return this;
        }

        /** The seed of the draws. */
        public Builder seed(long seed) {
            this.seed = seed;
            this.seedSet = true;
            return this;
        }

        public RandomScaleShift build() {
            if (!seedSet) {
                throw new IllegalStateException("RandomScaleShift: set the seed of the noise with .seed(s) "
                        + "(the kit takes every seed explicitly)");
            }
            return new RandomScaleShift(this);
        }
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
        Shapes.requireColumns(label(), "input", x, width, "Place the layer after a BatchNorm of " + width + " units.");
        final double[] scale, shift;
        if (mode == Mode.TRAIN) {
            if (!drawn || !holds.any()) {
                draw();
            }
            scale = a;
            shift = b;
        } else {
            scale = meanA;
            shift = meanB;
        }
        this.x = x;
        this.lastScale = scale;
        final int n = x.numRows, w = width;
        y = Shapes.reuse(y, n, w);
        // y[n, j] = a_j x[n, j] + b_j
        final double[] xs = x.data, ys = y.data;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                ys[r * w + j] = scale[j] * xs[r * w + j] + shift[j];
            }
        }
        return y;
    }

    private void draw() {
        for (int j = 0; j < width; j++) {
            a[j] = scaleLow + (scaleHigh - scaleLow) * rng.nextDouble();
            b[j] = shiftLow + (shiftHigh - shiftLow) * rng.nextDouble();
        }
        drawn = true;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        Shapes.requireGradientOf(label(), x, dY);
        final int n = x.numRows, w = width;
        dX = Shapes.reuse(dX, n, w);
        // dX[n, j] = a_j dY[n, j]
        final double[] g = dY.data, dx = dX.data, scale = lastScale;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                dx[r * w + j] = scale[j] * g[r * w + j];
            }
        }
        return dX;
    }

    /** The scales a_j of the last training-mode draw (a copy; zeros before the first). */
    public double[] lastScales() {
        return a.clone();
    }

    /** The shifts b_j of the last training-mode draw (a copy; zeros before the first). */
    public double[] lastShifts() {
        return b.clone();
    }

    /** E[a] = (scaleLow + scaleHigh) / 2, the scale used in evaluation mode. */
    public double meanScale() {
        return meanA[0];
    }

    /** E[b] = (shiftLow + shiftHigh) / 2, the shift used in evaluation mode. */
    public double meanShift() {
        return meanB[0];
    }

    /** Keeps the current draw for held training-mode passes (draws one first if there is none); closing puts back draw and random source. */
    @Override
    public Hold hold() {
        final Runnable draw = Holds.contents(a, b);
        final boolean savedDrawn = drawn;
        final long savedRng = rng.state();
        if (!drawn) {
            draw();
        }
        return holds.open(() -> {
            draw.run();
            drawn = savedDrawn;
            rng.restore(savedRng);
        });
    }

    /** The number of units. */
    public int width() {
        return width;
    }

    @Override
    public String name() {
        return name;
    }

    private String label() {
        return "RandomScaleShift '" + name + "' (" + width + " units)";
    }

    @Override
    public String toString() {
        return label() + ": a ~ U(" + scaleLow + ", " + scaleHigh + "), b ~ U(" + shiftLow + ", " + shiftHigh + ")";
    }
}
