package org.bnkit.probe;

import org.bnkit.data.Batch;
import org.bnkit.nn.Loss;
import org.bnkit.nn.Sequential;
import org.bnkit.stats.Vectors;
import org.bnkit.train.TrainingHook;

import java.util.ArrayList;
import java.util.List;

/**
 * The loss landscape along the gradient, as in Figure 4 of Santurkar et al. (2018), section 3.1.
 * From the parameters w with gradient g = dL/dw on a batch, for each step size eta of a range,
 * move to {@code w - eta g} and record, on the same batch:
 * <ul>
 *   <li>the loss L(w - eta g): its range over eta is the "variation in loss" (Figure 4a);</li>
 *   <li>the gradient's change ||dL/dw(w - eta g) - g||_2: "gradient predictiveness" (Figure 4b),
 *       small when the gradient at w predicts the gradients nearby;</li>
 *   <li>the "effective beta-smoothness" (Figure 4c): the largest ratio of gradient change to
 *       distance moved, max_eta ||dL/dw(w - eta g) - g|| / ||eta g||, a local Lipschitz constant
 *       of the gradient along the step.</li>
 * </ul>
 * The vectors are over every trainable parameter (the direction SGD moves). Each measurement runs
 * in a {@link ProbeScope}: the parameters, gradients, BN population statistics and noise are
 * exactly as before afterwards, and a training run continues as without the probe. It costs one
 * forward and backward pass per step size, plus one.
 */
public final class LandscapeProbe implements TrainingHook {

    /**
     * One measurement at parameters w.
     *
     * @param step              the training step (0 outside training)
     * @param loss              L(w)
     * @param gradientNorm      ||g||_2
     * @param stepSizes         the etas
     * @param losses            L(w - eta g), one per eta
     * @param gradientDistances ||dL/dw(w - eta g) - g||_2, one per eta
     * @param beta              max_eta ||dL/dw(w - eta g) - g|| / (eta ||g||) (NaN if g = 0)
     */
    public record Point(long step, double loss, double gradientNorm, double[] stepSizes, double[] losses,
                        double[] gradientDistances, double beta) {

        /** The smallest loss reached, L(w) included. */
        public double minLoss() {
            double m = loss;
            for (double l : losses) {
                m = Math.min(m, l);
            }
            return m;
        }

        /** The largest loss reached, L(w) included. */
        public double maxLoss() {
            double m = loss;
            for (double l : losses) {
                m = Math.max(m, l);
            }
            return m;
        }

        /** The smallest gradient change over the step sizes. */
        public double minDistance() {
            double m = Double.POSITIVE_INFINITY;
            for (double d : gradientDistances) {
                m = Math.min(m, d);
            }
            return m;
        }

        /** The largest gradient change over the step sizes. */
        public double maxDistance() {
            double m = 0;
            for (double d : gradientDistances) {
                m = Math.max(m, d);
            }
            return m;
        }
    }

    private final Loss loss;
    private final long every;
    private final double[] stepSizes;
    private final List<Point> points = new ArrayList<>();

    /**
     * A hook that measures at steps {@code every, 2 every, ...}, on the step's batch, before the
     * update.
     *
     * @param loss      the training loss (the trainer's own instance may be passed)
     * @param stepSizes the etas, each &gt; 0
     */
    public LandscapeProbe(Loss loss, long every, double... stepSizes) {
        if (every < 1) {
            throw new IllegalArgumentException("LandscapeProbe: every must be >= 1, got " + every);
        }
        this.loss = loss;
        this.every = every;
        this.stepSizes = checked(stepSizes);
    }

    @Override
    public void beforeUpdate(long step, Batch batch, Sequential model) {
        if (step % every == 0) {
            points.add(measure(step, model, loss, batch, stepSizes));
        }
    }

    /** Measures at the model's current parameters on {@code batch}; the model is left as it was. */
    public static Point measure(Sequential model, Loss loss, Batch batch, double... stepSizes) {
        return measure(0, model, loss, batch, checked(stepSizes));
    }

    private static Point measure(long step, Sequential model, Loss loss, Batch batch, double[] etas) {
        double[] losses = new double[etas.length], distances = new double[etas.length];
        double l0, gNorm, beta = 0;
        try (ProbeScope scope = ProbeScope.open(model)) {
            l0 = scope.lossAndGradients(loss, batch);
            double[] g = scope.gradients();
            gNorm = Vectors.norm(g);
            for (int k = 0; k < etas.length; k++) {
                // w' = w - eta g: the loss and the gradient there
                scope.placeAt(etas[k], g);
                losses[k] = scope.lossAndGradients(loss, batch);
                distances[k] = Vectors.distance(scope.gradients(), g);
                beta = Math.max(beta, distances[k] / (etas[k] * gNorm));
            }
        }
        return new Point(step, l0, gNorm, etas.clone(), losses, distances, gNorm == 0 ? Double.NaN : beta);
    }

    private static double[] checked(double[] etas) {
        if (etas.length == 0) {
            throw new IllegalArgumentException("LandscapeProbe: give at least one step size");
        }
        for (double e : etas) {
            if (!(e > 0) || Double.isInfinite(e)) {
                throw new IllegalArgumentException("LandscapeProbe: step sizes must be finite and > 0, got " + e);
            }
        }
        return etas.clone();
    }

    /** Every measurement so far, in order. */
    public List<Point> points() {
        return List.copyOf(points);
    }

    /** The steps measured. */
    public long[] steps() {
        return points.stream().mapToLong(Point::step).toArray();
    }

    /** The step sizes. */
    public double[] stepSizes() {
        return stepSizes.clone();
    }

    /** {@link Point#minLoss()} at every measured step. */
    public double[] minLoss() {
        return points.stream().mapToDouble(Point::minLoss).toArray();
    }

    /** {@link Point#maxLoss()} at every measured step. */
    public double[] maxLoss() {
        return points.stream().mapToDouble(Point::maxLoss).toArray();
    }

    /** {@link Point#minDistance()} at every measured step. */
    public double[] minDistance() {
        return points.stream().mapToDouble(Point::minDistance).toArray();
    }

    /** {@link Point#maxDistance()} at every measured step. */
    public double[] maxDistance() {
        return points.stream().mapToDouble(Point::maxDistance).toArray();
    }

    /** The effective beta-smoothness at every measured step. */
    public double[] beta() {
        return points.stream().mapToDouble(Point::beta).toArray();
    }
}
