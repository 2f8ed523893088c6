package org.bnkit.check;

import java.util.Locale;

/**
 * How a notebook asserts what its prose says. Each claim is checked against the numbers the
 * notebook just measured; a claim that holds prints one line saying what was checked, with the
 * numbers, and a claim that fails stops the notebook with a {@link ClaimFailedException} that
 * carries the same numbers. So a reader sees, under every sentence that compares two things, the
 * comparison the run made, and CI fails when a change to the library turns a claim false.
 *
 * <pre>
 *   Claims.greater("final test accuracy, BN over plain", accBn, accPlain);
 *   Claims.atMost("relative error of dL/dx", error, 1e-7);
 *   Claims.tally("BN ahead at the last checkpoint", bnAhead, 3);   // "in 3 of 3 seeds"
 *   Claims.count("BN ahead at step 100", bnAheadEarly);            // printed, not asserted
 * </pre>
 *
 * <p>A check that cannot fail asserts nothing: a tally needs at least one seed, and a count that a
 * run is too short to assert (a quick CI run, say) goes through {@link #count}, which says so.
 *
 * <p>Numbers are printed with four significant digits ({@code %.4g}) in the root locale, so that
 * the output is the same on every machine.
 */
public final class Claims {
    private Claims() {
    }

    /**
     * Checks a claim decided by the caller: {@code holds} is the comparison, {@code measured} the
     * numbers it was made from, already written out ("BN 0.9712, plain 0.9604").
     *
     * @throws ClaimFailedException if {@code holds} is false
     */
    public static void that(String claim, boolean holds, String measured) {
        String line = claim + " (" + measured + ")";
        if (!holds) {
            throw new ClaimFailedException("Claim does not hold: " + line);
        }
        System.out.println("checked: " + line);
    }

    /** Checks {@code a > b}: "{@code claim}: a > b". */
    public static void greater(String claim, double a, double b) {
        that(claim, a > b, format(a) + " > " + format(b));
    }

    /** Checks {@code a < b}: "{@code claim}: a < b". */
    public static void less(String claim, double a, double b) {
        that(claim, a < b, format(a) + " < " + format(b));
    }

    /** Checks {@code value >= bound}. */
    public static void atLeast(String quantity, double value, double bound) {
        that(quantity, value >= bound, format(value) + " >= " + format(bound));
    }

    /** Checks {@code value <= bound}. */
    public static void atMost(String quantity, double value, double bound) {
        that(quantity, value <= bound, format(value) + " <= " + format(bound));
    }

    /** Checks {@code low <= value <= high}. */
    public static void between(String quantity, double value, double low, double high) {
        that(quantity, low <= value && value <= high, format(low) + " <= " + format(value) + " <= " + format(high));
    }

    /**
     * Counts in how many runs (seeds) a claim held and checks that it held in at least
     * {@code required} of them; prints "claim: in K of N seeds". Returns K, for the prose.
     *
     * @param heldPerSeed whether the claim held, one entry per seed
     * @param required    at least 1 (a tally that needs no seed cannot fail: use {@link #count})
     * @throws ClaimFailedException if it held in fewer than {@code required} seeds
     */
    public static int tally(String claim, boolean[] heldPerSeed, int required) {
        if (heldPerSeed.length == 0 || required < 1 || required > heldPerSeed.length) {
            throw new IllegalArgumentException("tally of '" + claim + "' needs at least one seed and 1 <= required <= "
                    + heldPerSeed.length + ", got " + heldPerSeed.length + " seeds and required " + required
                    + (required == 0 ? " (a tally that needs no seed cannot fail: report it with Claims.count)" : ""));
        }
        int held = held(heldPerSeed);
        that(claim, held >= required, "in " + held + " of " + heldPerSeed.length + " seeds; needed " + required);
        return held;
    }

    /**
     * Counts in how many runs (seeds) a claim held without asserting anything, for a claim the run
     * cannot decide (a quick run too short for it, say); prints "counted, not asserted: claim (in K
     * of N seeds)". Returns K.
     */
    public static int count(String claim, boolean[] heldPerSeed) {
        if (heldPerSeed.length == 0) {
            throw new IllegalArgumentException("count of '" + claim + "' needs at least one seed");
        }
        int held = held(heldPerSeed);
        System.out.println("counted, not asserted: " + claim + " (in " + held + " of " + heldPerSeed.length + " seeds)");
        return held;
    }

    private static int held(boolean[] heldPerSeed) {
        int held = 0;
        for (boolean h : heldPerSeed) {
            if (h) {
                held++;
            }
        }
        return held;
    }

    /** A number as the claims print it: four significant digits, root locale. */
    public static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
