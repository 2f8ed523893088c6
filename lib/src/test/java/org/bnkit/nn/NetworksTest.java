package org.bnkit.nn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworksTest {

    private static Sequential bnNet() {
        return Mlp.builder(6).hidden(5, 4).outputs(3).batchNorm(true).seed(1).build();
    }

    private static List<String> names(Sequential s) {
        return s.layers().stream().map(Layer::name).toList();
    }

    @Test
    void insertAfterPutsTheNewLayerRightAfterEveryMatch() {
        Sequential bn = bnNet();
        Sequential noisy = Networks.insertAfter(bn, BatchNorm.class,
                b -> RandomScaleShift.builder(b.width()).name("noise" + b.name().substring(2)).seed(2).build());
        assertEquals(List.of("fc1", "bn1", "noise1", "sigmoid1", "fc2", "bn2", "noise2", "sigmoid2", "fc3"), names(noisy));
        assertSame(bn.layer(0), noisy.layer(0));
    }

    @Test
    void replaceSwapsEveryMatchAndKeepsTheOtherLayers() {
        Sequential bn = bnNet();
        Sequential l1 = Networks.replace(bn, BatchNorm.class, b -> LpBatchNorm.l1("l1" + b.name(), b.width()));
        assertEquals(List.of("fc1", "l1bn1", "sigmoid1", "fc2", "l1bn2", "sigmoid2", "fc3"), names(l1));
        assertTrue(l1.layer(1) instanceof LpBatchNorm);
        assertEquals(4, ((LpBatchNorm) l1.layer(4)).width());
        assertSame(bn.layer(3), l1.layer(3));
    }

    @Test
    void aNetworkWithoutTheLayerTypeIsRejected() {
        Sequential plain = Mlp.builder(6).hidden(5).outputs(3).seed(1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Networks.replace(plain, BatchNorm.class, b -> b));
        assertTrue(e.getMessage().contains("batchNorm(true)"), e.getMessage());
    }
}
