package org.bnkit.kernel;

import org.bnkit.kernel.install.InstallOptions;
import org.bnkit.kernel.install.JupyterPaths;
import org.bnkit.kernel.install.KernelspecInstaller;
import org.bnkit.kernel.install.StartupArchive;
import org.bnkit.kernel.install.UsageException;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of {@code bnkit-kernel.jar}:
 * <pre>
 * java -jar bnkit-kernel.jar install   [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name NAME] [--force] [--no-cds]
 * java -jar bnkit-kernel.jar uninstall [--user | --sys-prefix | --prefix DIR] [--name NAME] [--force]
 * java -jar bnkit-kernel.jar CONNECTION_FILE
 * </pre>
 * The last form is how Jupyter starts the kernel; {@code warm-up}, which the installer runs to record
 * a class-data-sharing archive, is internal. This is the only class that reads the process
 * environment; everything below gets what it needs as arguments.
 */
public final class Main {

    private static final int USAGE_ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(Arrays.asList(args)));
    }

    private static int run(List<String> args) throws Exception {
        if (args.isEmpty()) {
            return usage("Missing a command or a connection file.");
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            switch (command) {
                case "install":
                    return installer(InstallOptions.parse(rest, true), true);
                case "uninstall":
                    return installer(InstallOptions.parse(rest, false), false);
                case StartupArchive.WARM_UP_COMMAND:
                    KernelLauncher.warmUp();
                    return 0;
                case "-h":
                case "--help":
                case "help":
                    System.out.println(InstallOptions.USAGE);
                    return 0;
                default:
                    if (!rest.isEmpty() || command.startsWith("-")) {
                        return usage("Unknown command: " + String.join(" ", args));
                    }
                    Path connectionFile = Path.of(command);
                    if (!Files.isRegularFile(connectionFile)) {
                        return usage("No such connection file: " + connectionFile);
                    }
                    KernelLauncher.serve(connectionFile);
                    return 0;
            }
        } catch (UsageException e) {
            return usage(e.getMessage());
        }
    }

    private static int installer(InstallOptions options, boolean install) throws Exception {
        JupyterPaths paths = new JupyterPaths(System.getenv(), System.getProperty("os.name"),
                Path.of(System.getProperty("user.home")));
        JupyterPaths.KernelsFolder kernels;
        try {
            kernels = paths.kernelsFolder(options);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            return KernelspecInstaller.REFUSED;
        }
        Path jar = kernelJar();
        if (install && jar == null) {
            System.err.println("install copies the kernel jar, so run it from the jar: "
                    + "java -jar kernel/target/bnkit-kernel.jar install");
            return KernelspecInstaller.REFUSED;
        }
        String windows = System.getProperty("os.name").startsWith("Windows") ? ".exe" : "";
        Path java = Path.of(System.getProperty("java.home"), "bin", "java" + windows);
        KernelspecInstaller installer = new KernelspecInstaller(jar, java, BnkitKernel.class.getPackage()
                .getImplementationVersion(), new StartupArchive(options.startupArchive(), System.out), System.out);
        return install ? installer.install(kernels, options) : installer.uninstall(kernels, options);
    }

    /** The jar this class was loaded from, or {@code null} when it runs from a class folder. */
    private static Path kernelJar() throws URISyntaxException {
        Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? location : null;
    }

    private static int usage(String problem) {
        System.err.println(problem);
        System.err.println();
        System.err.println(InstallOptions.USAGE);
        return USAGE_ERROR;
    }
}
