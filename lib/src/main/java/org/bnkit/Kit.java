package org.bnkit;

import org.bnkit.config.Knobs;
import org.bnkit.nn.Kernels;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kit's facade for the notebooks: facts about the running kit, printed by each notebook's
 * setup cell, the data folder, and the knobs ({@link Knobs}) through which CI shortens long runs.
 */
public final class Kit {
    /** The library's version. */
    public static final String VERSION = "0.1.0";

    private Kit() {
    }

    /** Whether notebooks should take their short settings (CI); see {@link Knobs#quick()}. */
    public static boolean quick() {
        return Knobs.quick();
    }

    /** A yes/no knob; see {@link Knobs#flag(String, boolean)}. */
    public static boolean flag(String name, boolean fallback) {
        return Knobs.flag(name, fallback);
    }

    /** An integer knob, shortened in quick mode; see {@link Knobs#integer(String, int, int)}. */
    public static int integer(String name, int fullValue, int quickValue) {
        return Knobs.integer(name, fullValue, quickValue);
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
     * ({@link Kernels#describe()}) and whether runs are shortened.
     */
    public static String describe() {
        return "bnkit " + VERSION + " on Java " + System.getProperty("java.version") + " ("
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB; BatchNorm: " + Kernels.describe() + ")"
                + (quick() ? "; QUICK mode: long runs are shortened (BNKIT_QUICK)" : "; full runs");
    }
}
