package org.bnkit.exercise;

import org.bnkit.data.Batch;
import org.bnkit.data.Dataset;
import org.bnkit.data.Synthetic;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.Folding;
import org.bnkit.nn.Linear;
import org.bnkit.nn.Mlp;
import org.bnkit.nn.Mode;
import org.bnkit.nn.Parameter;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.bnkit.train.Evaluation;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.bnkit.exercise.Solutions.failsWith;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/** The graders of notebooks 05 to 08 against the reference solutions and the named slips. */
class Notebook05To08Test {
    private static final Dataset TRAIN = Synthetic.gaussianClasses("train", 600, 12, 4, 2.0, 1);
    private static final Dataset TEST = Synthetic.gaussianClasses("test", 1500, 12, 4, 2.0, 2);

    @Test
    void testAccuracy() {
        assertDoesNotThrow(() -> Notebook05.testAccuracy((model, data) -> Evaluation.accuracy(model, data), TRAIN, TEST));
        failsWith("use Mode.EVAL", () -> Notebook05.testAccuracy((model, data) ->
                Evaluation.accuracy(model, data, Mode.TRAIN, 1000), TRAIN, TEST));
    }

    private static double[][] algorithm2(List<DMatrixRMaj> inputs, boolean bessel) {
        int d = inputs.get(0).numCols;
        double[] mean = new double[d], var = new double[d];
        for (DMatrixRMaj u : inputs) {
            int m = u.numRows;
            for (int j = 0; j < d; j++) {
                double mu = 0, s2 = 0;
                for (int i = 0; i < m; i++) mu += u.get(i, j) / m;
                for (int i = 0; i < m; i++) s2 += (u.get(i, j) - mu) * (u.get(i, j) - mu) / m;
                mean[j] += mu / inputs.size();
                var[j] += (bessel ? (double) m / (m - 1) : 1) * s2 / inputs.size();
            }
        }
        return new double[][] {mean, var};
    }

    @Test
    void populationStatistics() {
        assertDoesNotThrow(() -> Notebook06.populationStatistics(inputs -> algorithm2(inputs, true)));
        failsWith("leaving out Bessel's correction", () -> Notebook06.populationStatistics(inputs -> algorithm2(inputs, false)));
        failsWith("taking the variance of all batches pooled", () -> Notebook06.populationStatistics(inputs -> {
            double[][] statistics = algorithm2(inputs, true);
            int d = inputs.get(0).numCols, count = 0;
            double[] pooled = new double[d];
            for (DMatrixRMaj u : inputs) {
                count += u.numRows;
                for (int i = 0; i < u.numRows; i++) {
                    for (int j = 0; j < d; j++) pooled[j] += Math.pow(u.get(i, j) - statistics[0][j], 2);
                }
            }
            for (int j = 0; j < d; j++) pooled[j] /= count - 1;
            return new double[][] {statistics[0], pooled};
        }));
    }

    @Test
    void folding() {
        assertDoesNotThrow(() -> Notebook06.fold(Folding::fold));
        failsWith("dropping the linear layer's bias b", () -> Notebook06.fold((linear, bn) ->
                Folding.fold(Linear.withWeights(linear.name(), linear.weight().value(), null), bn)));
        failsWith("leaving out beta", () -> Notebook06.fold((linear, bn) -> {
            Linear f = Folding.fold(linear, bn);
            for (int j = 0; j < bn.features(); j++) {
                f.bias().value().data[j] -= bn.beta().value().data[j];
            }
            return f;
        }));
    }

    private static final Function<String, Sequential> NETWORK = kind ->
            Mlp.builder(12).hidden(8, 8, 8).outputs(4).batchNorm(kind.equals("BN")).seed(3).build();
    private static final Batch BATCH = TRAIN.gather(java.util.stream.IntStream.range(0, 30).toArray(), 0, 30, null);

    private static void gradients(Sequential net, Batch batch) {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        net.zeroGrad();
        loss.forward(net.forward(batch.x(), Mode.TRAIN), batch);
        net.backward(loss.backward());
    }

    private static double[] gPrime(Sequential net, Batch batch, String layer, double eta, boolean restore) {
        List<Parameter> earlier = new ArrayList<>();
        for (org.bnkit.nn.Layer l : net.layers()) {
            if (l.name().equals(layer)) break;
            earlier.addAll(l.parameters());
        }
        List<double[]> saved = new ArrayList<>();
        for (Parameter p : earlier) {
            saved.add(p.value().data.clone());
            for (int i = 0; i < p.size(); i++) p.value().data[i] -= eta * p.grad().data[i];
        }
        gradients(net, batch);
        double[] g = ((Linear) net.layer(layer)).weight().grad().data.clone();
        for (int k = 0; restore && k < earlier.size(); k++) {
            System.arraycopy(saved.get(k), 0, earlier.get(k).value().data, 0, saved.get(k).length);
        }
        return g;
    }

    @Test
    void gPrime() {
        assertDoesNotThrow(() -> Notebook07.gPrime((net, batch, layer, eta) -> gPrime(net, batch, layer, eta, true), NETWORK, BATCH));
        failsWith("after your G'", () -> Notebook07.gPrime((net, batch, layer, eta) -> gPrime(net, batch, layer, eta, false),
                NETWORK, BATCH));
        failsWith("||G - G'|| of fc3 (plain)", () -> Notebook07.gPrime((net, batch, layer, eta) ->
                ((Linear) net.layer(layer)).weight().grad().data.clone(), NETWORK, BATCH));
    }

    private static double[] along(Sequential net, Batch batch, double eta, boolean recompute) {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        gradients(net, batch);
        List<Parameter> params = net.parameters();
        List<double[]> w0 = new ArrayList<>(), g0 = new ArrayList<>();
        for (Parameter p : params) {
            w0.add(p.value().data.clone());
            g0.add(p.grad().data.clone());
            for (int i = 0; i < p.size(); i++) p.value().data[i] -= eta * p.grad().data[i];
        }
        net.zeroGrad();
        double moved = loss.forward(net.forward(batch.x(), Mode.TRAIN), batch);
        if (recompute) net.backward(loss.backward());
        double change = 0;
        for (int k = 0; k < params.size(); k++) {
            double[] g = recompute ? params.get(k).grad().data : g0.get(k);
            for (int i = 0; i < g.length; i++) change += (g[i] - g0.get(k)[i]) * (g[i] - g0.get(k)[i]);
            System.arraycopy(w0.get(k), 0, params.get(k).value().data, 0, w0.get(k).length);
        }
        return new double[] {moved, Math.sqrt(change)};
    }

    @Test
    void alongTheGradient() {
        assertDoesNotThrow(() -> Notebook08.alongTheGradient((net, batch, eta) -> along(net, batch, eta, true), NETWORK, BATCH, 0.1, 0.4));
        failsWith("||grad L(w - eta g) - g|| (plain, eta = 0.1)", () -> Notebook08.alongTheGradient((net, batch, eta) ->
                along(net, batch, eta, false), NETWORK, BATCH, 0.1, 0.4));
    }
}
