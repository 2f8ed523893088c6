package org.bnkit.probe;

import org.bnkit.data.Batch;
import org.bnkit.nn.Loss;
import org.bnkit.nn.Mode;
import org.bnkit.nn.Parameter;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.StatefulLayer;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a probe may move a network's parameters and re-run training-mode forward and backward
 * passes, and after which the network is exactly as it was: every parameter value and gradient,
 * and the state of every {@link StatefulLayer} (population statistics, moving averages, step
 * counts, noise, random sources), which the scope holds ({@link StatefulLayer#hold()}).
 * <pre>
 *   try (ProbeScope scope = ProbeScope.open(model)) {
 *       scope.placeAt(0.1, scope.savedGradients());   // w = w0 - 0.1 g0
 *       double loss = scope.lossAndGradients(lossFn, batch);
 *       double[] g = scope.gradients();
 *   }                                                   // w = w0, grad = g0 again
 * </pre>
 *
 * <p>Run forward passes through {@link #lossAndGradients}: the stateful layers are held, so the
 * noise of the step being probed is reused and no statistic or counter moves; {@link #close()}
 * puts back every bit of their state.
 *
 * <p>Vectors: {@link #gradients()}, {@link #savedGradients()} and the directions of
 * {@link #placeAt} concatenate the entries of the trainable parameters in
 * {@code model.parameters()} order: the parameters SGD moves.
 */
public final class ProbeScope implements AutoCloseable {
    private final Sequential model;
    private final List<Parameter> parameters;
    private final List<Parameter> trainable;
    private final Map<Parameter, Integer> offsets = new IdentityHashMap<>();
    private final int dimension;
    private final double[][] values;
    private final double[][] grads;
    private final double[] savedGradient;
    private final StatefulLayer.Hold hold;
    private boolean closed;

    private ProbeScope(Sequential model) {
        this.model = model;
        this.parameters = model.parameters();
        this.values = new double[parameters.size()][];
        this.grads = new double[parameters.size()][];
        this.trainable = new ArrayList<>();
        int d = 0;
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            values[k] = p.value().data.clone();
            grads[k] = p.grad().data.clone();
            if (p.trainable()) {
                trainable.add(p);
                offsets.put(p, d);
                d += p.size();
            }
        }
        this.dimension = d;
        this.savedGradient = gradients();
        this.hold = model.hold();
    }

    /** Saves the state of {@code model}; {@link #close()} puts it back. */
    public static ProbeScope open(Sequential model) {
        return new ProbeScope(model);
    }

    /**
     * One training-mode forward and backward pass on {@code batch}, from zeroed gradients, as a
     * training step computes them (without the update).
     *
     * @return the loss; the gradients are in the parameters ({@link #gradients()})
     */
    public double lossAndGradients(Loss loss, Batch batch) {
        requireOpen();
        model.zeroGrad();
        double l = loss.forward(model.forward(batch.x(), Mode.TRAIN), batch);
        model.backward(loss.backward(), false, null);
        return l;
    }

    /** The gradients of the trainable parameters now, concatenated (a new array). */
    public double[] gradients() {
        double[] g = new double[dimension];
        for (Parameter p : trainable) {
            System.arraycopy(p.grad().data, 0, g, offsets.get(p), p.size());
        }
        return g;
    }

    /** The gradients of the trainable parameters when the scope was opened (a copy). */
    public double[] savedGradients() {
        return savedGradient.clone();
    }

    /** The gradient of {@code p} when the scope was opened (a copy), trainable or not. */
    public double[] savedGradient(Parameter p) {
        for (int k = 0; k < parameters.size(); k++) {
            if (parameters.get(k) == p) {
                return grads[k].clone();
            }
        }
        throw new IllegalArgumentException("ProbeScope: " + p + " is not a parameter of '" + model.name() + "'");
    }

    /**
     * The saved gradients of the parameters in {@code moved}, zero for the other trainable
     * parameters: the direction of an SGD step taken by those parameters only.
     */
    public double[] savedGradients(Set<Parameter> moved) {
        double[] d = new double[dimension];
        for (Parameter p : trainable) {
            if (moved.contains(p)) {
                int o = offsets.get(p);
                System.arraycopy(savedGradient, o, d, o, p.size());
            }
        }
        return d;
    }

    /**
     * Puts every parameter back to its saved value w0, then moves the trainable ones to
     * {@code w0 - eta * direction}.
     *
     * @param direction one entry per trainable scalar (see {@link #dimension()}). Not modified.
     */
    public void placeAt(double eta, double[] direction) {
        requireOpen();
        if (direction.length != dimension) {
            throw new IllegalArgumentException("ProbeScope.placeAt: the direction has " + direction.length
                    + " entries; the trainable parameters have " + dimension);
        }
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            double[] w = p.value().data;
            System.arraycopy(values[k], 0, w, 0, values[k].length);
            Integer o = offsets.get(p);
            if (o != null && eta != 0) {
                for (int i = 0; i < values[k].length; i++) {
                    w[i] -= eta * direction[o + i];
                }
            }
        }
    }

    /** The number of trainable scalars: the length of the gradient vectors. */
    public int dimension() {
        return dimension;
    }

    /** Restores the saved state; the scope cannot be used afterwards. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            System.arraycopy(values[k], 0, p.value().data, 0, values[k].length);
            System.arraycopy(grads[k], 0, p.grad().data, 0, grads[k].length);
        }
        hold.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("ProbeScope: the scope is closed; open a new one with ProbeScope.open(model)");
        }
    }
}
