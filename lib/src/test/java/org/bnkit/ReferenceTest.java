package org.bnkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.bnkit.check.Tolerances;
import org.bnkit.data.Batch;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.Linear;
import org.bnkit.nn.Mlp;
import org.bnkit.nn.Mode;
import org.bnkit.nn.Parameter;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.bnkit.train.Sgd;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Agreement with PyTorch (float64), to {@link Tolerances#REFERENCE}: fixtures made once by
 * {@code lib/src/test/python/make_fixtures.py}; the inputs are rebuilt here from the same integer
 * formula.
 */
class ReferenceTest {

    /** Same as fixture_hash in make_fixtures.py. */
    static long fixtureHash(long a, long b) {
        return ((a * 73856093L) ^ (b * 19349663L)) % 1000003L;
    }

    /** Same as fixture_value in make_fixtures.py. */
    static double fixtureValue(int tag, int i, int j, double low, double high) {
        long k = fixtureHash(tag * 10007L + i, j) % 2001;
        return low + (high - low) * k / 2000.0;
    }

    static DMatrixRMaj matrix(int tag, int rows, int cols, double low, double high) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.data[i * cols + j] = fixtureValue(tag, i, j, low, high);
            }
        }
        return m;
    }

    static JsonObject fixture(String name) throws IOException {
        String path = "/fixtures/" + name + ".json.gz";
        InputStream in = ReferenceTest.class.getResourceAsStream(path);
        assertNotNull(in, "missing fixture " + path + "; regenerate with lib/src/test/python/make_fixtures.py");
        try (Reader r = new InputStreamReader(new GZIPInputStream(in), StandardCharsets.US_ASCII)) {
            return JsonParser.parseReader(r).getAsJsonObject();
        }
    }

    static double[] array(JsonObject o, String key) {
        JsonArray a = o.getAsJsonArray(key);
        assertNotNull(a, "fixture has no '" + key + "'");
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    /** Every entry within REFERENCE of the reference, relative to the reference's largest entry. */
    static void assertClose(String what, double[] expected, double[] actual, int length) {
        assertEquals(expected.length, length, what + ": length");
        double scale = 0, err = 0;
        for (int i = 0; i < length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            err = Math.max(err, Math.abs(expected[i] - actual[i]));
        }
        double rel = scale == 0 ? err : err / scale;
        if (!(rel < Tolerances.REFERENCE)) {
            throw new AssertionError(what + ": max |bnkit - PyTorch| = " + err + " (relative " + rel + ") exceeds " + Tolerances.REFERENCE);
        }
    }

    @Test
    void batchNormMatchesPyTorch() throws IOException {
        JsonObject f = fixture("batchnorm");
        int n = f.get("n").getAsInt(), d = f.get("d").getAsInt();
        BatchNorm bn = BatchNorm.builder(d).eps(f.get("eps").getAsDouble()).build();
        System.arraycopy(matrix(3, 1, d, 0.5, 1.5).data, 0, bn.gamma().value().data, 0, d);
        System.arraycopy(matrix(4, 1, d, -1.0, 1.0).data, 0, bn.beta().value().data, 0, d);
        DMatrixRMaj x = matrix(1, n, d, -3.0, 5.0);
        DMatrixRMaj y = bn.forward(x, Mode.TRAIN);
        assertClose("y", array(f, "y"), y.data, n * d);
        DMatrixRMaj dX = bn.backward(matrix(2, n, d, -1.0, 1.0));
        assertClose("dx", array(f, "dx"), dX.data, n * d);
        assertClose("dgamma", array(f, "dgamma"), bn.gamma().grad().data, d);
        assertClose("dbeta", array(f, "dbeta"), bn.beta().grad().data, d);
        assertClose("running_mean", array(f, "running_mean"), bn.populationMean(), d);
        assertClose("running_var", array(f, "running_var"), bn.populationVariance(), d);
        assertClose("y_eval", array(f, "y_eval"), bn.forward(matrix(5, 7, d, -2.0, 2.0), Mode.EVAL).data, 7 * d);
    }

    @Test
    void featureMapBatchNormMatchesPyTorchBatchNorm2d() throws IOException {
        JsonObject f = fixture("batchnorm2d");
        int n = f.get("n").getAsInt(), c = f.get("c").getAsInt(), h = f.get("h").getAsInt(), w = f.get("w").getAsInt();
        BatchNorm bn = BatchNorm.builder(c).featureMaps(h, w).eps(f.get("eps").getAsDouble()).build();
        System.arraycopy(matrix(8, 1, c, 0.5, 1.5).data, 0, bn.gamma().value().data, 0, c);
        System.arraycopy(matrix(9, 1, c, -1.0, 1.0).data, 0, bn.beta().value().data, 0, c);
        DMatrixRMaj y = bn.forward(matrix(6, n, c * h * w, -2.0, 4.0), Mode.TRAIN);
        assertClose("y", array(f, "y"), y.data, n * c * h * w);
        DMatrixRMaj dX = bn.backward(matrix(7, n, c * h * w, -1.0, 1.0));
        assertClose("dx", array(f, "dx"), dX.data, n * c * h * w);
        assertClose("dgamma", array(f, "dgamma"), bn.gamma().grad().data, c);
        assertClose("dbeta", array(f, "dbeta"), bn.beta().grad().data, c);
    }

    @Test
    void figureOneStepWithoutBatchNormMatchesPyTorch() throws IOException {
        checkMlpStep("mlp_step", false);
    }

    @Test
    void figureOneStepWithBatchNormMatchesPyTorch() throws IOException {
        checkMlpStep("mlp_step_bn", true);
    }

    /** Builds the fixture's Figure-1 network, takes one SGD step and compares everything. */
    static void checkMlpStep(String name, boolean withBn) throws IOException {
        JsonObject f = fixture(name);
        int[] sizes = {784, 100, 100, 100, 10};
        int n = 60;
        Sequential net = figureOneNetworkWithFixtureWeights(withBn);
        DMatrixRMaj x = new DMatrixRMaj(n, 784);
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            labels[r] = r % 10;
            for (int k = 0; k < 784; k++) {
                x.data[r * 784 + k] = fixtureHash(r, k) % 5 == 0 ? 1.0 : 0.0;
            }
        }
        Batch batch = new Batch(x, labels, null);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        net.zeroGrad();
        double l = loss.forward(net.forward(x, Mode.TRAIN), batch);
        net.backwardToParameters(loss.backward());
        assertEquals(f.get("loss").getAsDouble(), l, Tolerances.REFERENCE * Math.abs(l), "loss");
        JsonObject grads = f.getAsJsonObject("grads");
        Map<String, Parameter> params = new HashMap<>();
        for (Parameter p : net.parameters()) {
            params.put(p.name(), p);
        }
        assertEquals(grads.size(), params.size(), "the same parameters as the PyTorch network: " + grads.keySet());
        for (String key : grads.keySet()) {
            Parameter p = params.get(key);
            assertNotNull(p, "no parameter " + key);
            assertClose("grad " + key, array(grads, key), p.grad().data, p.size());
        }
        new Sgd(f.get("lr").getAsDouble()).step(net.parameters());
        JsonObject after = f.getAsJsonObject("after");
        for (String key : after.keySet()) {
            Parameter p = params.get(key);
            assertClose("after step " + key, array(after, key), p.value().data, p.size());
        }
        JsonObject running = f.getAsJsonObject("running");
        List<BatchNorm> bns = net.layersOfType(BatchNorm.class);
        for (int l2 = 0; l2 < bns.size(); l2++) {
            assertClose("running mean bn" + (l2 + 1), array(running, "bn" + (l2 + 1) + ".mean"), bns.get(l2).populationMean(), sizes[l2 + 1]);
            assertClose("running var bn" + (l2 + 1), array(running, "bn" + (l2 + 1) + ".var"), bns.get(l2).populationVariance(), sizes[l2 + 1]);
        }
        DMatrixRMaj first8 = new DMatrixRMaj(8, 784);
        System.arraycopy(x.data, 0, first8.data, 0, 8 * 784);
        assertClose("eval scores after the step", array(f, "eval_scores_after_step"), net.forward(first8, Mode.EVAL).data, 80);
    }

    /** The Figure-1 network with the fixture's weights (fixture tags 20-53). */
    static Sequential figureOneNetworkWithFixtureWeights(boolean withBn) {
        int[] sizes = {784, 100, 100, 100, 10};
        Sequential net = Mlp.builder(784).hidden(100, 100, 100).outputs(10).batchNorm(withBn).seed(0).build();
        int fc = 0, bn = 0;
        for (var layer : net.layers()) {
            if (layer instanceof Linear lin) {
                System.arraycopy(matrix(20 + fc, sizes[fc], sizes[fc + 1], -0.1, 0.1).data, 0, lin.weight().value().data, 0, lin.weight().size());
                if (lin.hasBias()) {
                    System.arraycopy(matrix(30 + fc, 1, sizes[fc + 1], -0.1, 0.1).data, 0, lin.bias().value().data, 0, sizes[fc + 1]);
                }
                fc++;
            } else if (layer instanceof BatchNorm b) {
                System.arraycopy(matrix(40 + bn, 1, sizes[bn + 1], 0.5, 1.5).data, 0, b.gamma().value().data, 0, sizes[bn + 1]);
                System.arraycopy(matrix(50 + bn, 1, sizes[bn + 1], -0.5, 0.5).data, 0, b.beta().value().data, 0, sizes[bn + 1]);
                bn++;
            }
        }
        return net;
    }
}
