package org.bnkit.config;

/**
 * The knobs through which CI shortens long runs and a reader changes a setting without editing a
 * notebook.
 *
 * <p>A knob is read from a system property {@code bnkit.NAME} or an environment variable
 * {@code BNKIT_NAME} (upper case, dots as underscores), in that order. {@code BNKIT_QUICK=1} (or
 * {@code -Dbnkit.quick=true}) switches every notebook to its short setting; a reader who sets
 * nothing gets the full run. Notebooks read knobs through {@link org.bnkit.Kit}; the library
 * reads them here, so that no package below the kit's facade depends on it.
 */
public final class Knobs {
    private Knobs() {
    }

    /** Whether notebooks should take their short settings (CI). */
    public static boolean quick() {
        return flag("quick", false);
    }

    /**
     * A yes/no setting: the knob {@code name} if it says 1, true or yes (true) or 0, false or no
     * (false), else {@code fallback}.
     */
    public static boolean flag(String name, boolean fallback) {
        String v = raw(name);
        if (v == null) {
            return fallback;
        }
        v = v.trim();
        if (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes")) {
            return true;
        }
        if (v.equals("0") || v.equalsIgnoreCase("false") || v.equalsIgnoreCase("no")) {
            return false;
        }
        return fallback;
    }

    /**
     * An integer setting: the knob {@code name} if set, else {@code quickValue} under
     * {@link #quick()}, else {@code fullValue}.
     */
    public static int integer(String name, int fullValue, int quickValue) {
        String v = raw(name);
        if (v != null) {
            try {
                return Integer.parseInt(v.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Knob " + name + " must be an integer, got '" + v + "' (set -Dbnkit."
                        + name + "=N or BNKIT_" + envName(name) + "=N)");
            }
        }
        return quick() ? quickValue : fullValue;
    }

    private static String raw(String name) {
        String v = System.getProperty("bnkit." + name);
        return v != null ? v : System.getenv("BNKIT_" + envName(name));
    }

    private static String envName(String name) {
        return name.toUpperCase().replace('.', '_');
    }
}
