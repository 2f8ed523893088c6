package org.bnkit.kernel.install;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The options of {@code install} and {@code uninstall}.
 *
 * @param location    which Jupyter data folder holds the kernelspec
 * @param prefix      the folder of {@code --prefix DIR}; {@code null} for the other locations
 * @param name        the kernelspec's name, its folder under {@code kernels/}
 * @param displayName what the notebook's kernel menu shows
 * @param force       replace or remove a kernelspec that this installer did not write
 * @param startupArchive whether {@code install} makes a class-data-sharing archive ({@code --no-cds} turns it off)
 */
public record InstallOptions(Location location, Path prefix, String name, String displayName, boolean force,
                             boolean startupArchive) {

    /** Where the kernelspec goes, as with {@code jupyter kernelspec install}. */
    public enum Location { USER, SYS_PREFIX, PREFIX }

    public static final String DEFAULT_NAME = "java";
    /**
     * The kernel menu's name: says which Java kernel this is, so that it can be told from IJava's
     * "Java" on a machine that has both (the kernelspec name stays {@code java}, which notebooks ask for).
     */
    public static final String DEFAULT_DISPLAY_NAME = "Java (bnkit kernel)";

    /** The names Jupyter accepts for a kernelspec. */
    private static final Pattern KERNEL_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public static final String USAGE = String.join("\n",
            "Usage:",
            "  java -jar bnkit-kernel.jar install   [--user | --sys-prefix | --prefix DIR] [--name NAME]",
            "                                       [--display-name NAME] [--force] [--no-cds]",
            "  java -jar bnkit-kernel.jar uninstall [--user | --sys-prefix | --prefix DIR] [--name NAME] [--force]",
            "  java -jar bnkit-kernel.jar CONNECTION_FILE   (how Jupyter starts the kernel)",
            "",
            "  --user          the Jupyter data folder of this user (the default; honours JUPYTER_DATA_DIR)",
            "  --sys-prefix    the prefix of the Python that runs Jupyter (or CONDA_PREFIX, VIRTUAL_ENV)",
            "  --prefix DIR    DIR/share/jupyter/kernels/NAME",
            "  --name NAME     the kernelspec name (default: " + DEFAULT_NAME + ")",
            "  --display-name  the name shown in Jupyter's kernel menu (default: " + DEFAULT_DISPLAY_NAME + ")",
            "  --force         replace or remove a kernelspec of that name that this installer did not write",
            "  --no-cds        do not make the class-data-sharing archive that speeds up the kernel's startup");

    /**
     * Parses the arguments that follow {@code install} or {@code uninstall}.
     *
     * @param install whether {@code --display-name} and {@code --no-cds} are allowed
     * @throws UsageException naming the offending argument
     */
    public static InstallOptions parse(List<String> args, boolean install) throws UsageException {
        Location location = null;
        Path prefix = null;
        String name = DEFAULT_NAME;
        String displayName = DEFAULT_DISPLAY_NAME;
        boolean force = false;
        boolean startupArchive = install;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--user" -> location = only(location, Location.USER);
                case "--sys-prefix" -> location = only(location, Location.SYS_PREFIX);
                case "--prefix" -> {
                    location = only(location, Location.PREFIX);
                    prefix = Path.of(value(args, ++i, arg));
                }
                case "--name" -> name = value(args, ++i, arg);
                case "--display-name" -> {
                    installOnly(install, arg);
                    displayName = value(args, ++i, arg);
                }
                case "--no-cds" -> {
                    installOnly(install, arg);
                    startupArchive = false;
                }
                case "--force" -> force = true;
                default -> throw new UsageException("Unknown argument: " + arg);
            }
        }
        if (!KERNEL_NAME.matcher(name).matches()) {
            throw new UsageException("Invalid kernel name '" + name + "': use letters, digits, '.', '_' and '-'");
        }
        return new InstallOptions(location == null ? Location.USER : location, prefix, name, displayName, force,
                startupArchive);
    }

    private static void installOnly(boolean install, String option) throws UsageException {
        if (!install) {
            throw new UsageException(option + " only applies to install");
        }
    }

    private static Location only(Location chosen, Location next) throws UsageException {
        if (chosen != null) {
            throw new UsageException("Choose one of --user, --sys-prefix and --prefix DIR");
        }
        return next;
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }
}
