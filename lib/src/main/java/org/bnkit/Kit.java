package org.bnkit;

import org.bnkit.nn.BatchNorm;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Facts about the running kit, printed by each notebook's setup cell, and the knobs through which
 * CI shortens long runs.
 *
 * <p>A knob is read from a system property {@code bnkit.NAME} or an environment variable
 * {@code BNKIT_NAME} (upper case, dots as underscores), in that order. {@code BNKIT_QUICK=1} (or
 * {@code -Dbnkit.quick=true}) switches every notebook to its short setting; a reader who sets
 * nothing gets the full run.
 */
public final class Kit {
    /** The library's version. */
    public static final String VERSION = "0.1.0";

    private Kit() {
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
        String v = knob(name);
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
        String v = knob(name);
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

    private static String knob(String name) {
        String v = System.getProperty("bnkit." + name);
        return v != null ? v : System.getenv("BNKIT_" + envName(name));
    }

    private static String envName(String name) {
        return name.toUpperCase().replace('.', '_');
    }

    /**
     * Finds the kit's {@code data/} folder (the one holding {@code mnist/}) in the working
     * directory or the nearest folder above it: from {@code notebooks/} it is {@code ../data}.
     */
    public static Path dataDir() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data");
            if (Files.isDirectory(candidate.resolve("mnist"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("The kit's data/mnist folder is not in " + cwd
                + " or any folder above it. Open the notebooks from the kit's notebooks/ folder (./bnkit run does), "
                + "or restore the data with `git checkout -- data/mnist`.");
    }

    /**
     * One line for the setup cell: versions, cores, how BatchNorm runs its loops
     * ({@link BatchNorm#loops()}) and whether runs are shortened.
     */
    public static String describe() {
        return "bnkit " + VERSION + " on Java " + System.getProperty("java.version") + " ("
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB; BatchNorm: " + BatchNorm.loops() + ")"
                + (quick() ? "; QUICK mode: long runs are shortened (BNKIT_QUICK)" : "; full runs");
    }
}
