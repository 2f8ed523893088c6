package org.bnkit.stats;

/**
 * The least-squares line {@code y = intercept + slope x} through points (x_i, y_i), with its
 * coefficient of determination R^2. On log-log data the slope is the exponent of a power law
 * (the cost of whitening grows as d^slope); on log-linear data it is an exponential rate.
 *
 * @param slope     b = sum (x - mean x)(y - mean y) / sum (x - mean x)^2
 * @param intercept a = mean y - b mean x
 * @param r2        1 - (residual sum of squares) / (total sum of squares)
 */
public record LineFit(double slope, double intercept, double r2) {

    /** Fits y = a + b x. */
    public static LineFit of(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("LineFit: need at least 2 points with as many x as y, got "
                    + x.length + " x and " + y.length + " y");
        }
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("LineFit: all x are equal; a slope needs at least two distinct x");
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - (a + b * x[i]);
            rss += r * r;
        }
        return new LineFit(b, a, syy == 0 ? 1.0 : 1 - rss / syy);
    }

    /** Fits log10 y = a + b log10 x: y ~ 10^a x^b. Every value must be positive. */
    public static LineFit logLog(double[] x, double[] y) {
        return of(log10(x, "x"), log10(y, "y"));
    }

    /** Fits ln y = a + b x: y ~ e^a e^(b x). Every y must be positive. */
    public static LineFit logLinear(double[] x, double[] y) {
        double[] ly = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            if (!(y[i] > 0)) {
                throw new IllegalArgumentException("LineFit.logLinear: y[" + i + "] = " + y[i] + " is not positive");
            }
            ly[i] = Math.log(y[i]);
        }
        return of(x, ly);
    }

    /** The fitted value at x. */
    public double at(double x) {
        return intercept + slope * x;
    }

    private static double[] log10(double[] v, String name) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0)) {
                throw new IllegalArgumentException("LineFit.logLog: " + name + "[" + i + "] = " + v[i] + " is not positive");
            }
            out[i] = Math.log10(v[i]);
        }
        return out;
    }
}
