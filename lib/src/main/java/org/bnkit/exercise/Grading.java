package org.bnkit.exercise;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.Locale;

/**
 * The comparisons behind the graders of the notebooks' exercises: the student's result is compared with the library's, and
 * a failure says what is wrong, by how much, and gives a hint, never just "assertion failed".
 *
 * <pre>
 *   Grading.exercise("4.1", "BN backward", () -&gt; {
 *       Grading.close("dL/dx", expectedDx, myBackward(x, gamma, dOut), 1e-9,
 *                   "dL/dx_i has three terms: g_i, the mean of g, and xHat_i times the mean of g xHat");
 *   });
 * </pre>
 *
 * <p>A check may also pass the wrong answers of common slips, computed with the library
 * ({@link #mistake}): when the student's result equals one, the message names the slip
 * ("Your result is what you get by leaving out the scale and shift"), which says more than the
 * size of the error.
 *
 * <p>The notebooks' student versions replace each solution with a stub that throws
 * {@link UnsupportedOperationException} "not implemented yet: ..."; {@link #exercise} turns that
 * into a failure that names the exercise.
 */
public final class Grading {
    /** The message prefix of the stubs in the student notebooks. */
    public static final String NOT_IMPLEMENTED = "not implemented yet";

    private Grading() {
    }

    /** A check that may throw; checked exceptions of the student's code pass through. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /**
     * Runs the checks of exercise {@code id}; prints a line when they pass.
     *
     * @throws ExerciseFailedException naming the exercise, if a check fails, the student's code
     *                                 is a stub, or it throws
     */
    public static void exercise(String id, String title, Body checks) {
        String name = "Exercise " + id + " (" + title + ")";
        try {
            checks.run();
        } catch (ExerciseFailedException e) {
            throw new ExerciseFailedException(name + ": " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            String m = String.valueOf(e.getMessage());
            if (m.startsWith(NOT_IMPLEMENTED)) {
                throw new ExerciseFailedException(name + " is " + m + ". Write your solution in the cell marked "
                        + "'Exercise " + id + "', run it, then run this check again.", e);
            }
            throw new ExerciseFailedException(name + ": your code threw " + e, e);
        } catch (Exception | Error e) {
            throw new ExerciseFailedException(name + ": your code threw " + e + (e.getStackTrace().length > 0
                    ? " (at " + e.getStackTrace()[0] + ")" : ""), e);
        }
        System.out.println(name + ": passed.");
    }

    /**
     * Checks that {@code actual} equals {@code expected} to within {@code tolerance}, relative to
     * the largest |expected| entry (absolute when that is below 1).
     *
     * @param what a name for the quantity, e.g. "y = BN(x)"
     * @param hint what to look at if it is wrong
     */
    public static void close(String what, DMatrixRMaj expected, DMatrixRMaj actual, double tolerance, String hint) {
        if (actual == null) {
            throw new ExerciseFailedException(what + " is null; return a matrix of shape " + shape(expected) + ". Hint: " + hint);
        }
        if (actual.numRows != expected.numRows || actual.numCols != expected.numCols) {
            throw new ExerciseFailedException(what + " has shape " + shape(actual) + ", expected " + shape(expected)
                    + ". Hint: " + hint);
        }
        compare(what, expected.data, actual.data, expected.getNumElements(), expected.numCols, tolerance, hint);
    }

    /**
     * A wrong answer that a common mistake produces, and the mistake in words: when a check fails
     * and the student's result equals this value, the message names the mistake.
     *
     * @param description what produces this value, completing "your result is what you get by
     *                    ...", e.g. "leaving out the scale and shift (y = x_hat)"
     * @param value       the wrong answer, entries in the order of the checked quantity
     */
    public record Mistake(String description, double[] value) {
        public Mistake {
            value = value.clone();
        }

        @Override
        public double[] value() {
            return value.clone();
        }
    }

    /** A mistake whose wrong answer is a matrix (its entries row by row). Not modified. */
    public static Mistake mistake(String description, DMatrixRMaj value) {
        return new Mistake(description, Arrays.copyOf(value.data, value.getNumElements()));
    }

    /** A mistake whose wrong answer is an array. Not modified. */
    public static Mistake mistake(String description, double[] value) {
        return new Mistake(description, value);
    }

    /**
     * As {@link #close(String, DMatrixRMaj, DMatrixRMaj, double, String)}; if the check fails and
     * {@code actual} equals one of {@code mistakes} to within the same tolerance, the message
     * names that mistake before the hint.
     */
    public static void close(String what, DMatrixRMaj expected, DMatrixRMaj actual, double tolerance, String hint,
                             Mistake... mistakes) {
        try {
            close(what, expected, actual, tolerance, hint);
        } catch (ExerciseFailedException e) {
            throw withMistake(e, expected.data, actual.data, expected.getNumElements(), tolerance, mistakes);
        }
    }

    /** As {@link #close(String, double[], double[], double, String)}, naming a matching mistake. */
    public static void close(String what, double[] expected, double[] actual, double tolerance, String hint,
                             Mistake... mistakes) {
        try {
            close(what, expected, actual, tolerance, hint);
        } catch (ExerciseFailedException e) {
            throw withMistake(e, expected, actual, expected.length, tolerance, mistakes);
        }
    }

    private static ExerciseFailedException withMistake(ExerciseFailedException e, double[] expected, double[] actual, int n,
                                                       double tolerance, Mistake[] mistakes) {
        if (actual == null || actual.length < n) {
            return e;
        }
        final double scale = toleranceScale(expected, n);
        for (Mistake mistake : mistakes) {
            double[] wrong = mistake.value;
            if (wrong.length != n) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < n && matches; i++) {
                matches = Math.abs(wrong[i] - actual[i]) <= tolerance * scale;
            }
            if (matches) {
                String m = e.getMessage();
                int at = m.lastIndexOf(" Hint: ");
                String said = "Your result is what you get by " + mistake.description + ".";
                return new ExerciseFailedException(at < 0 ? m + " " + said : m.substring(0, at + 1) + said + m.substring(at), e);
            }
        }
        return e;
    }

    /**
     * Checks that the student's code left an input as it was.
     *
     * @param what     the input's name, e.g. "x"
     * @param original a copy of the input taken before the call
     * @param after    the input after the call
     */
    public static void unmodified(String what, DMatrixRMaj original, DMatrixRMaj after) {
        for (int i = 0; i < original.getNumElements(); i++) {
            if (Double.compare(original.data[i], after.data[i]) != 0) {
                throw new ExerciseFailedException(String.format(Locale.ROOT,
                        "your code changed its input %s: entry (%d, %d) was %.10g and is now %.10g. "
                                + "Hint: write the results into a new matrix (new DMatrixRMaj(m, d)) and leave %s as it is.",
                        what, i / original.numCols, i % original.numCols, original.data[i], after.data[i], what));
            }
        }
    }

    /** Checks two arrays of the same length, as {@link #close(String, DMatrixRMaj, DMatrixRMaj, double, String)}. */
    public static void close(String what, double[] expected, double[] actual, double tolerance, String hint) {
        if (actual == null) {
            throw new ExerciseFailedException(what + " is null; return " + expected.length + " values. Hint: " + hint);
        }
        if (actual.length != expected.length) {
            throw new ExerciseFailedException(what + " has " + actual.length + " values, expected " + expected.length
                    + ". Hint: " + hint);
        }
        compare(what, expected, actual, expected.length, expected.length, tolerance, hint);
    }

    /** Checks one number. */
    public static void close(String what, double expected, double actual, double tolerance, String hint) {
        compare(what, new double[] {expected}, new double[] {actual}, 1, 1, tolerance, hint);
    }

    /** Tolerances are relative to the largest |expected| entry, and absolute below 1. */
    private static double toleranceScale(double[] expected, int n) {
        double scale = 1.0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return scale;
    }

    private static void compare(String what, double[] expected, double[] actual, int n, int cols, double tolerance,
                                String hint) {
        final double scale = toleranceScale(expected, n);
        int worst = -1;
        double worstErr = 0;
        for (int i = 0; i < n; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            if (Double.isNaN(actual[i]) || err > worstErr) {
                worst = i;
                worstErr = Double.isNaN(actual[i]) ? Double.POSITIVE_INFINITY : err;
                if (Double.isNaN(actual[i])) {
                    break;
                }
            }
        }
        if (worst >= 0 && worstErr > tolerance * scale) {
            String where = n == 1 ? "" : cols == n ? " at entry " + worst : " at entry (" + worst / cols + ", " + worst % cols + ")";
            int wrong = 0;
            for (int i = 0; i < n; i++) {
                if (!(Math.abs(expected[i] - actual[i]) <= tolerance * scale)) {
                    wrong++;
                }
            }
            throw new ExerciseFailedException(String.format(Locale.ROOT,
                    "%s is wrong%s: expected %.10g, got %.10g (off by %.3g; allowed %.1g). %d of %d entries are off. Hint: %s",
                    what, where, expected[worst], actual[worst], worstErr, tolerance * scale, wrong, n, hint));
        }
    }

    /** A stub's exception, for code that builds student versions by hand. */
    public static UnsupportedOperationException notImplemented(String what) {
        return new UnsupportedOperationException(NOT_IMPLEMENTED + ": " + what);
    }

    private static String shape(DMatrixRMaj m) {
        return "(" + m.numRows + ", " + m.numCols + ")";
    }
}
