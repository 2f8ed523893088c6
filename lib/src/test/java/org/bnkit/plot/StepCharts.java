package org.bnkit.plot;

import org.knowm.xchart.XYChart;

/** Test charts shared by the plot tests. */
final class StepCharts {
    private StepCharts() {
    }

    /**
     * A loss curve at steps 1, 13, 25, ..., 589: equally spaced steps that do not start at a round
     * number, the case XChart's own tick choice labels badly.
     */
    static XYChart lossAtEquallySpacedSteps(String title) {
        XYChart chart = Plots.lines(title, "step", "loss");
        double[] x = new double[50], y = new double[50];
        for (int i = 0; i < 50; i++) {
            x[i] = 1 + 12 * i;
            y[i] = Math.sin(i / 5.0);
        }
        chart.addSeries("loss", x, y);
        return chart;
    }
}
