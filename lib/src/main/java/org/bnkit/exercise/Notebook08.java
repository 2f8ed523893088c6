package org.bnkit.exercise;

import org.bnkit.data.Batch;
import org.bnkit.nn.Parameter;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.bnkit.probe.LandscapeProbe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The grader of notebook 08's exercise: the loss and the gradient change along the gradient ([S18] section 3.1). */
public final class Notebook08 {
    private Notebook08() {
    }

    /** A student's {L(w - eta g), ||grad L(w - eta g) - g||_2} on {@code batch}; w restored. */
    @FunctionalInterface
    public interface AlongTheGradient {
        double[] measure(Sequential net, Batch batch, double eta);
    }

    /**
     * Exercise 8.1: for {@code network.apply("plain")} and {@code network.apply("BN")}, every step
     * size against {@link LandscapeProbe#measure}; also checks that the parameters are put back.
     */
    public static void alongTheGradient(AlongTheGradient student, Function<String, Sequential> network, Batch batch,
                                        double... stepSizes) {
        Grading.exercise("8.1", "loss and gradient along the gradient", () -> {
            for (String kind : List.of("plain", "BN")) {
                LandscapeProbe.Point p = LandscapeProbe.measure(network.apply(kind), new SoftmaxCrossEntropy(), batch, stepSizes);
                Sequential mine = network.apply(kind);
                String hint = "g is the gradient of every parameter at w; move all of them to w - eta g, recompute on the "
                        + "same batch in TRAIN mode, and take the l2 norm of (new gradient - g) over all parameters together";
                for (int i = 0; i < stepSizes.length; i++) {
                    List<double[]> before = new ArrayList<>();
                    for (Parameter q : mine.parameters()) {
                        before.add(q.value().data.clone());
                    }
                    double[] m = student.measure(mine, batch, stepSizes[i]);
                    List<Parameter> params = mine.parameters();
                    for (int k = 0; k < params.size(); k++) {
                        Grading.close("parameter " + params.get(k).name() + " after your measurement (" + kind + ")",
                                before.get(k), params.get(k).value().data, 0,
                                "put every parameter back to w after measuring (keep a copy and restore it)");
                    }
                    if (m == null || m.length != 2) {
                        throw new ExerciseFailedException("return {L(w - eta g), ||grad L(w - eta g) - g||}, two numbers, got "
                                + (m == null ? "null" : Arrays.toString(m)) + ". Hint: " + hint);
                    }
                    Grading.close("L(w - eta g) (" + kind + ", eta = " + stepSizes[i] + ")", p.losses()[i], m[0], 1e-9, hint);
                    Grading.close("||grad L(w - eta g) - g|| (" + kind + ", eta = " + stepSizes[i] + ")",
                            p.gradientDistances()[i], m[1], 1e-9, hint);
                }
            }
        });
    }
}
