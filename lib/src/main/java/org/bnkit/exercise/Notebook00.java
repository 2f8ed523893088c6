package org.bnkit.exercise;

import org.bnkit.nn.Mode;
import org.bnkit.nn.Sigmoid;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/** The grader of notebook 00's exercise: the sigmoid's derivative from its output. */
public final class Notebook00 {
    private Notebook00() {
    }

    /**
     * Exercise 0.1: {@code derivative.applyAsDouble(y)} must be g'(x) for y = g(x), the logistic
     * sigmoid, on the grid x = -12, -11.9, ..., 12; compared with {@link Sigmoid#backward}.
     */
    public static void sigmoidDerivative(DoubleUnaryOperator derivative) {
        Grading.exercise("0.1", "sigmoid derivative", () -> {
            int n = 241;
            DMatrixRMaj x = new DMatrixRMaj(1, n);
            for (int i = 0; i < n; i++) {
                x.data[i] = -12 + 0.1 * i;
            }
            Sigmoid g = new Sigmoid();
            double[] y = g.forward(x, Mode.EVAL).data.clone();
            DMatrixRMaj ones = new DMatrixRMaj(1, n);
            Arrays.fill(ones.data, 1.0);
            double[] expected = g.backward(ones).data.clone();
            double[] mine = new double[n], tanhSlope = new double[n], atX = new double[n];
            for (int i = 0; i < n; i++) {
                mine[i] = derivative.applyAsDouble(y[i]);
                tanhSlope[i] = 1 - y[i] * y[i];
                double gx = 1 / (1 + Math.exp(-y[i]));
                atX[i] = gx * (1 - gx);
            }
            Grading.close("g'(x) on the grid -12..12", expected, mine, 1e-12,
                    "differentiate 1/(1 + e^-x) and write the result with g(x) itself; you are given y = g(x), not x",
                    Grading.mistake("using the tanh's derivative 1 - y^2", tanhSlope),
                    Grading.mistake("applying the sigmoid to y again, g(y)(1 - g(y)): y is already g(x)", atX));
        });
    }
}
