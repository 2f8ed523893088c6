package org.bnkit.kernel.install;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelspecInstallerTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private KernelspecInstaller installer() throws Exception {
        Path jar = tmp.resolve("build/bnkit-kernel.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not really a jar");
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        return new KernelspecInstaller(jar, Path.of("/opt/jdk/bin/java"), "1.2.3", new StartupArchive(false, out), out);
    }

    private JupyterPaths.KernelsFolder kernels(InstallOptions options) {
        return new JupyterPaths(Map.of(), "Linux", tmp.resolve("home")).kernelsFolder(options);
    }

    private static InstallOptions options(String... args) throws UsageException {
        return InstallOptions.parse(List.of(args), true);
    }

    private JsonObject kernelJson(String name) throws Exception {
        Path file = tmp.resolve("prefix/share/jupyter/kernels").resolve(name).resolve("kernel.json");
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void installWritesAKernelspecAndTheJarIntoThePrefix() throws Exception {
        InstallOptions options = options("--prefix", tmp.resolve("prefix").toString());
        assertEquals(KernelspecInstaller.OK, installer().install(kernels(options), options));

        Path folder = tmp.resolve("prefix/share/jupyter/kernels/java");
        assertTrue(Files.isRegularFile(folder.resolve("bnkit-kernel.jar")));
        JsonObject spec = kernelJson("java");
        assertEquals("Java (bnkit kernel)", spec.get("display_name").getAsString());
        assertEquals("java", spec.get("language").getAsString());
        assertEquals("message", spec.get("interrupt_mode").getAsString());
        List<String> argv = spec.getAsJsonArray("argv").asList().stream().map(e -> e.getAsString()).toList();
        // the test JDK ships the incubating Vector API, which BatchNorm's fast loops use
        assertEquals(List.of("/opt/jdk/bin/java", "-Djava.awt.headless=true", "--add-modules", "jdk.incubator.vector", "-jar",
                folder.resolve("bnkit-kernel.jar").toAbsolutePath().toString(), "{connection_file}"), argv);
        assertTrue(spec.getAsJsonObject("metadata").has(Kernelspec.OWNER_KEY));
    }

    @Test
    void installHonoursNameAndDisplayName() throws Exception {
        InstallOptions options = options("--prefix", tmp.resolve("prefix").toString(),
                "--name", "bnkit-ci", "--display-name", "Java (bnkit)");
        installer().install(kernels(options), options);
        assertEquals("Java (bnkit)", kernelJson("bnkit-ci").get("display_name").getAsString());
    }

    @Test
    void reinstallReplacesOurOwnKernelspec() throws Exception {
        InstallOptions options = options("--prefix", tmp.resolve("prefix").toString());
        installer().install(kernels(options), options);
        assertEquals(KernelspecInstaller.OK, installer().install(kernels(options), options));
    }

    @Test
    void refusesToOverwriteAForeignKernelspecUnlessForced() throws Exception {
        Path foreign = tmp.resolve("prefix/share/jupyter/kernels/java");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("kernel.json"),
                "{\"argv\": [\"java\", \"-jar\", \"ijava.jar\", \"{connection_file}\"], \"display_name\": \"Java\"}");

        InstallOptions options = options("--prefix", tmp.resolve("prefix").toString());
        assertEquals(KernelspecInstaller.REFUSED, installer().install(kernels(options), options));
        String said = output.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("not written by this installer") && said.contains("--force")
                && said.contains("--name"), said);
        assertTrue(Files.readString(foreign.resolve("kernel.json")).contains("ijava.jar"), "foreign spec changed");

        InstallOptions forced = options("--prefix", tmp.resolve("prefix").toString(), "--force");
        assertEquals(KernelspecInstaller.OK, installer().install(kernels(forced), forced));
        assertTrue(kernelJson("java").getAsJsonObject("metadata").has(Kernelspec.OWNER_KEY));
    }

    @Test
    void uninstallRemovesOurKernelspec() throws Exception {
        InstallOptions options = options("--prefix", tmp.resolve("prefix").toString());
        installer().install(kernels(options), options);
        InstallOptions removal = InstallOptions.parse(List.of("--prefix", tmp.resolve("prefix").toString()), false);
        assertEquals(KernelspecInstaller.OK, installer().uninstall(kernels(removal), removal));
        assertFalse(Files.exists(tmp.resolve("prefix/share/jupyter/kernels/java")));
        assertEquals(KernelspecInstaller.REFUSED, installer().uninstall(kernels(removal), removal));
    }

    @Test
    void uninstallLeavesAForeignKernelspecUnlessForced() throws Exception {
        Path foreign = tmp.resolve("prefix/share/jupyter/kernels/java");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("kernel.json"), "{\"argv\": [], \"display_name\": \"Java\"}");
        String prefix = tmp.resolve("prefix").toString();

        InstallOptions removal = InstallOptions.parse(List.of("--prefix", prefix), false);
        assertEquals(KernelspecInstaller.REFUSED, installer().uninstall(kernels(removal), removal));
        assertTrue(Files.exists(foreign));

        InstallOptions forced = InstallOptions.parse(List.of("--prefix", prefix, "--force"), false);
        assertEquals(KernelspecInstaller.OK, installer().uninstall(kernels(forced), forced));
        assertFalse(Files.exists(foreign));
    }

    @Test
    void userLocationHonoursJupyterDataDirThenXdg() throws Exception {
        InstallOptions user = options("--user");
        Path home = tmp.resolve("home");
        assertEquals(Path.of("/data/jupyter/kernels"), new JupyterPaths(
                Map.of("JUPYTER_DATA_DIR", "/data/jupyter"), "Linux", home).kernelsFolder(user).path());
        assertEquals(Path.of("/xdg/jupyter/kernels"), new JupyterPaths(
                Map.of("XDG_DATA_HOME", "/xdg"), "Linux", home).kernelsFolder(user).path());
        assertEquals(home.resolve(".local/share/jupyter/kernels"),
                new JupyterPaths(Map.of(), "Linux", home).kernelsFolder(options()).path());
        assertEquals(home.resolve("Library/Jupyter/kernels"),
                new JupyterPaths(Map.of(), "Mac OS X", home).kernelsFolder(user).path());
    }

    @Test
    void sysPrefixFallsBackToCondaThenVirtualenvAndSaysSo() throws Exception {
        InstallOptions sys = options("--sys-prefix");
        JupyterPaths.KernelsFolder conda = new JupyterPaths(
                Map.of("PATH", "", "CONDA_PREFIX", "/conda/env", "VIRTUAL_ENV", "/venv"), "Linux", tmp)
                .kernelsFolder(sys);
        assertEquals(Path.of("/conda/env/share/jupyter/kernels"), conda.path());
        assertEquals("CONDA_PREFIX", conda.reason());
        assertEquals(Path.of("/venv/share/jupyter/kernels"), new JupyterPaths(
                Map.of("PATH", "", "VIRTUAL_ENV", "/venv"), "Linux", tmp).kernelsFolder(sys).path());
        assertThrows(IllegalStateException.class,
                () -> new JupyterPaths(Map.of("PATH", ""), "Linux", tmp).kernelsFolder(sys));
    }

    @Test
    void sysPrefixAsksThePythonThatRunsJupyter() throws Exception {
        Path bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        Path python = bin.resolve("python3");
        Files.writeString(python, "#!/bin/sh\necho /fake/prefix\n");
        Path jupyter = bin.resolve("jupyter");
        Files.writeString(jupyter, "#!" + python + "\n");
        assertTrue(python.toFile().setExecutable(true) && jupyter.toFile().setExecutable(true));

        JupyterPaths.KernelsFolder folder = new JupyterPaths(Map.of("PATH", bin.toString(), "CONDA_PREFIX", "/conda"),
                "Linux", tmp).kernelsFolder(options("--sys-prefix"));
        assertEquals(Path.of("/fake/prefix/share/jupyter/kernels"), folder.path());
        assertTrue(folder.reason().contains(jupyter.toString()), folder.reason());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThrows(UsageException.class, () -> options("--prefix"));
        assertThrows(UsageException.class, () -> options("--user", "--sys-prefix"));
        assertThrows(UsageException.class, () -> options("--bogus"));
        assertThrows(UsageException.class, () -> options("--name", "has space"));
        assertThrows(UsageException.class, () -> InstallOptions.parse(List.of("--display-name", "X"), false));
    }
}
