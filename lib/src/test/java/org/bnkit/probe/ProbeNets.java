package org.bnkit.probe;

import org.bnkit.data.Batch;
import org.bnkit.data.Dataset;
import org.bnkit.data.Synthetic;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.LpBatchNorm;
import org.bnkit.nn.Mlp;
import org.bnkit.nn.Networks;
import org.bnkit.nn.Parameter;
import org.bnkit.nn.RandomScaleShift;
import org.bnkit.nn.Sequential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small seeded networks and data for the probe tests, and a full copy of a network's state. */
final class ProbeNets {
    static final Dataset DATA = Synthetic.gaussianClasses("blobs", 200, 8, 4, 2.0, 1);

    private ProbeNets() {
    }

    static Sequential plain() {
        return Mlp.builder(8).hidden(7, 6, 5).outputs(4).seed(2).build();
    }

    static Sequential bn() {
        return Mlp.builder(8).hidden(7, 6, 5).outputs(4).batchNorm(true).seed(2).build();
    }

    static Sequential noisy() {
        return Networks.insertAfter(bn(), BatchNorm.class, b -> RandomScaleShift.builder(b.width())
                .name("noise" + b.name().substring(2)).seed(b.width()).build());
    }

    static Sequential l1() {
        return Networks.replace(bn(), BatchNorm.class, b -> LpBatchNorm.l1("l1" + b.name(), b.width()));
    }

    static Batch batch(int n, long seed) {
        return DATA.gather(order(seed), 0, n, null);
    }

    private static int[] order(long seed) {
        int[] idx = new int[DATA.size()];
        Random rng = new Random(seed);
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        for (int i = idx.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }

    /** Every number a forward pass may change: parameter values and gradients, BN and l_p population statistics. */
    static List<double[]> state(Sequential model) {
        List<double[]> s = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            s.add(p.value().data.clone());
            s.add(p.grad().data.clone());
        }
        for (BatchNorm b : model.layersOfType(BatchNorm.class)) {
            s.add(b.populationMean());
            s.add(b.populationVariance());
            s.add(new double[] {b.population().batchesSeen()});
        }
        for (LpBatchNorm b : model.layersOfType(LpBatchNorm.class)) {
            s.add(b.populationMean());
            s.add(b.populationNorm());
        }
        for (RandomScaleShift r : model.layersOfType(RandomScaleShift.class)) {
            s.add(r.lastScales());
            s.add(r.lastShifts());
        }
        return s;
    }
}
