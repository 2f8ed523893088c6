package org.bnkit.kernel.install;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes and removes this kernel's kernelspec: a folder {@code kernels/NAME} holding a copy of the
 * kernel jar and a {@code kernel.json} that runs it with the Java that ran the installer.
 * A kernelspec it did not write is left alone unless {@code --force} is given.
 */
public final class KernelspecInstaller {

    /** Exit statuses of the commands. */
    public static final int OK = 0;
    public static final int REFUSED = 1;

    static final String JAR_NAME = "bnkit-kernel.jar";

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private final Path kernelJar;
    private final Path java;
    private final String version;
    private final StartupArchive archive;
    private final PrintStream out;

    /**
     * @param kernelJar the runnable kernel jar to copy
     * @param java      the {@code java} executable that Jupyter will run
     * @param version   the kernel's version, recorded in the kernelspec
     * @param archive   makes the class-data-sharing archive that speeds up startup
     * @param out       where progress and refusals are reported
     */
    public KernelspecInstaller(Path kernelJar, Path java, String version, StartupArchive archive, PrintStream out) {
        this.kernelJar = kernelJar;
        this.java = java;
        this.version = version;
        this.archive = archive;
        this.out = out;
    }

    /**
     * The kernel's JVM options: headless AWT (plots are drawn off screen), and the incubating
     * Vector API, which the bnkit library's BatchNorm uses for loops about twice as fast, when
     * this Java has the module (the library falls back to plain loops without it).
     */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Djava.awt.headless=true"));
        if (ModuleFinder.ofSystem().find(VECTOR_MODULE).isPresent()) {
            options.addAll(List.of("--add-modules", VECTOR_MODULE));
        }
        return options;
    }

    /**
     * Installs the kernelspec {@code options.name()} into {@code kernels}.
     *
     * @return {@link #OK}, or {@link #REFUSED} if a foreign kernelspec is in the way
     */
    public int install(JupyterPaths.KernelsFolder kernels, InstallOptions options) throws IOException {
        Path folder = kernels.path().resolve(options.name()).toAbsolutePath().normalize();
        if (Files.exists(folder)) {
            if (!Kernelspec.isOurs(folder) && !options.force()) {
                out.println("Refusing to overwrite " + folder + ": that kernelspec was not written by this installer ("
                        + Kernelspec.describe(folder) + ").");
                out.println("Choose another name with --name NAME, or pass --force to replace it.");
                return REFUSED;
            }
            deleteRecursively(folder);
        }
        Files.createDirectories(folder);
        Path jar = folder.resolve(JAR_NAME);
        Files.copy(kernelJar, jar, StandardCopyOption.REPLACE_EXISTING);

        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(jvmOptions());
        argv.addAll(archive.create(java, jar, folder, jvmOptions()));
        argv.add("-jar");
        argv.add(jar.toString());
        argv.add("{connection_file}");
        Files.writeString(folder.resolve(Kernelspec.FILE_NAME),
                Kernelspec.json(argv, options.displayName(), version), StandardCharsets.UTF_8);

        out.println("Installed kernelspec '" + options.name() + "' (\"" + options.displayName() + "\") in " + folder);
        out.println("  location: " + kernels.reason());
        out.println("  runs: " + String.join(" ", argv));
        return OK;
    }

    /**
     * Removes the kernelspec {@code options.name()} from {@code kernels}.
     *
     * @return {@link #OK}, or {@link #REFUSED} if it is missing or foreign
     */
    public int uninstall(JupyterPaths.KernelsFolder kernels, InstallOptions options) throws IOException {
        Path folder = kernels.path().resolve(options.name()).toAbsolutePath().normalize();
        if (!Files.exists(folder)) {
            out.println("No kernelspec '" + options.name() + "' in " + kernels.path() + " (" + kernels.reason()
                    + "); nothing removed.");
            return REFUSED;
        }
        if (!Kernelspec.isOurs(folder) && !options.force()) {
            out.println("Refusing to remove " + folder + ": that kernelspec was not written by this installer ("
                    + Kernelspec.describe(folder) + ").");
            out.println("Pass --force to remove it anyway.");
            return REFUSED;
        }
        deleteRecursively(folder);
        out.println("Removed kernelspec '" + options.name() + "' from " + folder);
        return OK;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
