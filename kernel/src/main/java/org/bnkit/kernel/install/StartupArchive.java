package org.bnkit.kernel.install;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dynamic class-data-sharing archive for the kernel (JDK 13+): the installer runs the kernel's
 * warm-up once with {@code -XX:ArchiveClassesAtExit}, and the kernelspec then starts the JVM with
 * {@code -XX:SharedArchiveFile}, which maps the already parsed classes of JShell, javac and the
 * kernel instead of loading them again. A missing or stale archive (another JDK, a replaced jar)
 * is ignored by the JVM, which then starts as it would without one.
 */
public final class StartupArchive {

    static final String FILE_NAME = "bnkit-kernel.jsa";

    /** The hidden command of the kernel jar that exercises the classes worth archiving. */
    public static final String WARM_UP_COMMAND = "warm-up";

    private final boolean enabled;
    private final PrintStream out;

    /**
     * @param enabled whether to make an archive at all
     * @param out     where to explain a failure
     */
    public StartupArchive(boolean enabled, PrintStream out) {
        this.enabled = enabled;
        this.out = out;
    }

    /**
     * Makes the archive in {@code folder} by running the warm-up of {@code jar} with {@code java}
     * and the kernel's own {@code jvmOptions} (an archive is only used by a JVM whose module
     * options match the ones it was made with).
     *
     * @return the JVM options that use it; none if disabled or if it could not be made
     */
    List<String> create(Path java, Path jar, Path folder, List<String> jvmOptions) {
        if (!enabled) {
            return List.of();
        }
        Path archive = folder.resolve(FILE_NAME);
        try {
            List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:ArchiveClassesAtExit=" + archive));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString(), WARM_UP_COMMAND));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                out.println("  (startup archive: the warm-up run timed out; the kernel starts without one)");
                return List.of();
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(archive)) {
                out.println("  (startup archive: the warm-up run failed; the kernel starts without one)");
                Files.deleteIfExists(archive);
                return List.of();
            }
            return List.of("-XX:SharedArchiveFile=" + archive);
        } catch (IOException e) {
            out.println("  (startup archive: " + e.getMessage() + "; the kernel starts without one)");
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
