package org.bnkit.exercise;

import org.bnkit.data.Batch;
import org.bnkit.nn.Linear;
import org.bnkit.nn.Mode;
import org.bnkit.nn.Parameter;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.bnkit.probe.IcsProbe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The grader of notebook 07's exercise: G' of Definition 2.1 of Santurkar et al. (2018), by hand. */
public final class Notebook07 {
    private Notebook07() {
    }

    /** A student's G': dL/dW of {@code layer} after the earlier layers' step w - eta dL/dw, parameters restored. */
    @FunctionalInterface
    public interface GPrime {
        double[] of(Sequential net, Batch batch, String layer, double eta);
    }

    static double distance(double[] g, double[] h) {
        double s = 0;
        for (int i = 0; i < g.length; i++) {
            s += (g[i] - h[i]) * (g[i] - h[i]);
        }
        return Math.sqrt(s);
    }

    static double cosine(double[] g, double[] h) {
        double dot = 0, gg = 0, hh = 0;
        for (int i = 0; i < g.length; i++) {
            dot += g[i] * h[i];
            gg += g[i] * g[i];
            hh += h[i] * h[i];
        }
        return dot / Math.sqrt(gg * hh);
    }

    /** One training-mode forward and backward pass: afterwards {@code net} holds the gradients of {@code batch}. */
    static void gradients(Sequential net, Batch batch) {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        net.zeroGrad();
        loss.forward(net.forward(batch.x(), Mode.TRAIN), batch);
        net.backward(loss.backward());
    }

    /**
     * Exercise 7.1: G' of layer fc3 at eta = 0.5, for {@code network.apply("plain")} and
     * {@code network.apply("BN")} (two fresh copies each), against {@link IcsProbe}; also checks
     * that the parameters are put back.
     */
    public static void gPrime(GPrime student, Function<String, Sequential> network, Batch batch) {
        Grading.exercise("7.1", "G' of Definition 2.1", () -> {
            double eta = 0.5;
            for (String kind : List.of("plain", "BN")) {
                Sequential mine = network.apply(kind), reference = network.apply(kind);
                gradients(mine, batch);
                double[] g = ((Linear) mine.layer("fc3")).weight().grad().data.clone();
                List<double[]> before = new ArrayList<>();
                for (Parameter p : mine.parameters()) {
                    before.add(p.value().data.clone());
                }
                double[] gp = student.of(mine, batch, "fc3", eta);
                List<Parameter> params = mine.parameters();
                for (int k = 0; k < params.size(); k++) {
                    Grading.close("parameter " + params.get(k).name() + " after your G' (" + kind + ")", before.get(k),
                            params.get(k).value().data, 0,
                            "put every parameter you moved back to its value before the step (keep a copy and restore it)");
                }
                gradients(reference, batch);
                IcsProbe probe = IcsProbe.withStepSize(eta, new SoftmaxCrossEntropy(), 1);
                probe.beforeUpdate(1, batch, reference);
                String hint = "move every parameter (W, b, gamma, beta) of the layers before fc3, and only those, by -eta "
                        + "times its gradient G; then zero the gradients, run forward in TRAIN mode and backward on the same batch";
                if (gp == null || gp.length != g.length) {
                    throw new ExerciseFailedException("G' of fc3 must have " + g.length + " values (W of fc3, row by row), got "
                            + (gp == null ? "null" : gp.length) + ". Hint: " + hint);
                }
                Grading.close("||G - G'|| of fc3 (" + kind + ")", probe.difference("fc3")[0], distance(g, gp), 1e-9, hint);
                Grading.close("cos(G, G') of fc3 (" + kind + ")", probe.cosine("fc3")[0], cosine(g, gp), 1e-9, hint);
                System.out.println(String.format(Locale.ROOT, "%-5s fc3 at initialisation, eta = %.1f: ||G - G'|| = %.5f, cos(G, G') = %.5f",
                        kind, eta, distance(g, gp), cosine(g, gp)));
            }
        });
    }
}
