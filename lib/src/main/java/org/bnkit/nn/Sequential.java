package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Layers applied one after another: {@code y = f_L(... f_2(f_1(x)))}, back-propagated in reverse
 * order by the chain rule. Holding it ({@link #hold()}) holds every {@link StatefulLayer} in it.
 */
public final class Sequential implements StatefulLayer {
    private final String name;
    private final List<Layer> layers;
    private boolean forwardRan;

    public Sequential(String name, List<? extends Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Sequential '" + name + "': needs at least one layer");
        }
        this.name = name;
        this.layers = Collections.unmodifiableList(new ArrayList<>(layers));
    }

    public Sequential(Layer... layers) {
        this("model", List.of(layers));
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
        return forward(x, mode, null);
    }

    /**
     * Forward pass that reports every layer's input and output to {@code observer} (may be null).
     */
    public DMatrixRMaj forward(DMatrixRMaj x, Mode mode, LayerObserver observer) {
        DMatrixRMaj h = x;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            DMatrixRMaj input = h;
            h = layer.forward(input, mode);
            if (observer != null) {
                observer.forward(i, layer, input, h);
            }
        }
        forwardRan = true;
        return h;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        return backward(dY, true, null);
    }

    /** Accumulates every parameter gradient but skips dL/dx of the network's input. */
    @Override
    public void backwardToParameters(DMatrixRMaj dY) {
        backward(dY, false, null);
    }

    /**
     * Backward pass through every layer in reverse order.
     *
     * @param dY            dL/dy of the network's output. Not modified.
     * @param inputGradient whether to compute dL/dx of the network's input (returned), or to stop
     *                      at the first layer's parameters (returns null)
     * @param observer      sees every layer's gradients; may be null
     */
    public DMatrixRMaj backward(DMatrixRMaj dY, boolean inputGradient, LayerObserver observer) {
        if (!forwardRan) {
            throw new IllegalStateException("Sequential '" + name + "': backward called before forward");
        }
        DMatrixRMaj g = dY;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            DMatrixRMaj dOut = g;
            if (i == 0 && !inputGradient) {
                layer.backwardToParameters(dOut);
                g = null;
            } else {
                g = layer.backward(dOut);
            }
            if (observer != null) {
                observer.backward(i, layer, dOut, g);
            }
        }
        return g;
    }

    /** Holds every stateful layer in it, in order; closing the hold closes theirs in reverse order. */
    @Override
    public Hold hold() {
        List<Hold> opened = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer instanceof StatefulLayer stateful) {
                opened.add(stateful.hold());
            }
        }
        return () -> {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
        };
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        return all;
    }

    /** Sets every parameter gradient to zero. */
    public void zeroGrad() {
        for (Layer layer : layers) {
            for (Parameter p : layer.parameters()) {
                p.zeroGrad();
            }
        }
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** Layer {@code i} (0-based). */
    public Layer layer(int i) {
        return layers.get(i);
    }

    /** The first layer with this name. */
    public Layer layer(String layerName) {
        for (Layer l : layers) {
            if (l.name().equals(layerName)) {
                return l;
            }
        }
        List<String> names = new ArrayList<>();
        layers.forEach(l -> names.add(l.name()));
        throw new IllegalArgumentException("Sequential '" + name + "': no layer named '" + layerName + "'; layers are " + names);
    }

    /** The number of layers. */
    public int size() {
        return layers.size();
    }

    /** The layers of a given type, in order (e.g. every {@link BatchNorm}). */
    public <T extends Layer> List<T> layersOfType(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Layer l : layers) {
            if (type.isInstance(l)) {
                found.add(type.cast(l));
            }
        }
        return found;
    }

    /** The number of scalar parameters. */
    public int parameterCount() {
        int n = 0;
        for (Parameter p : parameters()) {
            n += p.size();
        }
        return n;
    }

    @Override
    public String name() {
        return name;
    }

    /** One line per layer with its parameter shapes. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Sequential '" + name + "' (" + parameterCount() + " parameters)");
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            s.append("\n  ").append(i).append(": ").append(l);
            if (!l.parameters().isEmpty()) {
                s.append("  ").append(l.parameters());
            }
        }
        return s.toString();
    }
}
