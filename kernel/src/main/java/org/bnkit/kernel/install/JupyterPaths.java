package org.bnkit.kernel.install;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the {@code kernels} folder that Jupyter searches, the way {@code jupyter kernelspec
 * install} does. Everything it reads from the environment is passed in, so that tests can use a
 * made-up one.
 */
public final class JupyterPaths {

    /** A kernels folder and how it was chosen, for the installer to tell the user. */
    public record KernelsFolder(Path path, String reason) {
    }

    private final Map<String, String> env;
    private final String osName;
    private final Path home;

    /**
     * @param env    the environment variables (JUPYTER_DATA_DIR, XDG_DATA_HOME, APPDATA, PATH,
     *               CONDA_PREFIX, VIRTUAL_ENV are read)
     * @param osName the {@code os.name} system property
     * @param home   the user's home folder
     */
    public JupyterPaths(Map<String, String> env, String osName, Path home) {
        this.env = env;
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.home = home;
    }

    /**
     * The {@code kernels} folder for the chosen location.
     *
     * @throws IllegalStateException if {@code --sys-prefix} finds no Python, conda or virtualenv
     */
    public KernelsFolder kernelsFolder(InstallOptions options) {
        return switch (options.location()) {
            case USER -> userDataFolder();
            case PREFIX -> new KernelsFolder(kernelsUnder(options.prefix()), "--prefix " + options.prefix());
            case SYS_PREFIX -> sysPrefixFolder();
        };
    }

    private KernelsFolder userDataFolder() {
        String dataDir = env.get("JUPYTER_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            return new KernelsFolder(Path.of(dataDir).resolve("kernels"), "JUPYTER_DATA_DIR");
        }
        Path data;
        if (osName.startsWith("windows")) {
            String appData = env.get("APPDATA");
            data = (appData != null ? Path.of(appData) : home.resolve("AppData").resolve("Roaming")).resolve("jupyter");
        } else if (osName.startsWith("mac")) {
            data = home.resolve("Library").resolve("Jupyter");
        } else {
            String xdg = env.get("XDG_DATA_HOME");
            data = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share"))
                    .resolve("jupyter");
        }
        return new KernelsFolder(data.resolve("kernels"), "the Jupyter data folder of this user");
    }

    /**
     * The prefix of the Python that runs {@code jupyter} (found on PATH), else the active conda
     * environment, else the active virtualenv.
     */
    private KernelsFolder sysPrefixFolder() {
        Optional<Path> jupyter = onPath("jupyter");
        if (jupyter.isPresent()) {
            Optional<Path> python = interpreterOf(jupyter.get());
            Optional<Path> prefix = python.flatMap(JupyterPaths::sysPrefixOf);
            if (prefix.isPresent()) {
                return new KernelsFolder(kernelsUnder(prefix.get()),
                        "sys.prefix of " + python.get() + ", the Python that runs " + jupyter.get());
            }
        }
        for (String variable : List.of("CONDA_PREFIX", "VIRTUAL_ENV")) {
            String prefix = env.get(variable);
            if (prefix != null && !prefix.isBlank()) {
                return new KernelsFolder(kernelsUnder(Path.of(prefix)), variable);
            }
        }
        throw new IllegalStateException("--sys-prefix found no jupyter on PATH, and neither CONDA_PREFIX nor "
                + "VIRTUAL_ENV is set: use --user or --prefix DIR instead.");
    }

    private static Path kernelsUnder(Path prefix) {
        return prefix.resolve("share").resolve("jupyter").resolve("kernels");
    }

    private Optional<Path> onPath(String command) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The interpreter named by a script's {@code #!} line ({@code #!/usr/bin/env python3} too). */
    private Optional<Path> interpreterOf(Path script) {
        String first;
        try (var lines = Files.lines(script, StandardCharsets.ISO_8859_1)) {
            first = lines.findFirst().orElse("");
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
        if (!first.startsWith("#!")) {
            return Optional.empty();
        }
        String[] words = first.substring(2).trim().split("\\s+");
        if (words.length >= 2 && words[0].endsWith("/env")) {
            return onPath(words[1]);
        }
        return words[0].isEmpty() ? Optional.empty() : Optional.of(Path.of(words[0]));
    }

    private static Optional<Path> sysPrefixOf(Path python) {
        try {
            Process process = new ProcessBuilder(python.toString(), "-c", "import sys; print(sys.prefix)")
                    .redirectErrorStream(true)
                    .start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 && !out.isEmpty() ? Optional.of(Path.of(out)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
