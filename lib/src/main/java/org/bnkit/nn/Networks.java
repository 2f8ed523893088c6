package org.bnkit.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Variants of a built network: the same layers with a layer inserted after, or put in place of,
 * every layer of a given type. With them, one {@link Mlp} builder gives the plain network, the
 * BN network and the variants of Santurkar et al. (2018) with the same weights:
 * <pre>
 *   Sequential bn = Mlp.builder(784).hidden(100, 100, 100).outputs(10).batchNorm(true).seed(1).build();
 *   Sequential noisy = Networks.insertAfter(bn, BatchNorm.class,
 *       b -&gt; RandomScaleShift.builder(b.width()).name("noise" + b.name().substring(2)).seed(7).build());
 *   Sequential l1 = Networks.replace(bn, BatchNorm.class, b -&gt; LpBatchNorm.l1("l1" + b.name(), b.width()));
 * </pre>
 * The new network shares the layers it keeps with the original (they are not copied): train one
 * or the other, not both.
 */
public final class Networks {
    private Networks() {
    }

    /**
     * A new network with {@code make(t)} inserted right after every layer {@code t} of type
     * {@code type}.
     *
     * @throws IllegalArgumentException if the network has no layer of that type
     */
    public static <T extends Layer> Sequential insertAfter(Sequential model, Class<T> type, Function<? super T, ? extends Layer> make) {
        return rebuild(model, type, make, true);
    }

    /**
     * A new network with every layer {@code t} of type {@code type} replaced by {@code make(t)}.
     *
     * @throws IllegalArgumentException if the network has no layer of that type
     */
    public static <T extends Layer> Sequential replace(Sequential model, Class<T> type, Function<? super T, ? extends Layer> make) {
        return rebuild(model, type, make, false);
    }

    private static <T extends Layer> Sequential rebuild(Sequential model, Class<T> type, Function<? super T, ? extends Layer> make,
                                                        boolean keep) {
        List<Layer> layers = new ArrayList<>();
        int matched = 0;
        for (Layer l : model.layers()) {
            if (type.isInstance(l)) {
                matched++;
                if (keep) {
                    layers.add(l);
                }
                layers.add(make.apply(type.cast(l)));
            } else {
                layers.add(l);
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException("Networks: '" + model.name() + "' has no " + type.getSimpleName()
                    + " layer" + (type == BatchNorm.class ? "; build it with Mlp.builder(...).batchNorm(true)" : ""));
        }
        return new Sequential(model.name(), layers);
    }
}
