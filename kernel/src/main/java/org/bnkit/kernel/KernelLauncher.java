package org.bnkit.kernel;

import org.bnkit.kernel.protocol.KernelConnection;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Runs the kernel for one Jupyter session: reads the connection file Jupyter wrote, binds the five
 * sockets to exactly the address and ports it names (messages are checked against its HMAC key),
 * and serves requests until a shutdown request closes the connection.
 */
final class KernelLauncher {

    private KernelLauncher() {
    }

    static void serve(Path connectionFile) throws IOException, GeneralSecurityException {
        KernelConnectionProperties properties =
                KernelConnectionProperties.parse(Files.readString(connectionFile, StandardCharsets.UTF_8));
        // JShell starts warming up in the background while the sockets come up.
        BnkitKernel kernel = BnkitKernel.create();
        JupyterConnection connection = new KernelConnection(properties, System.err);
        kernel.becomeHandlerForConnection(connection);
        kernel.onStartup();
        connection.connect();
        connection.waitUntilClose();
    }

    /**
     * Exercises what a first session loads (JShell, javac, rendering, errors, completion) without
     * any front end; the installer runs it to record a class-data-sharing archive.
     */
    static void warmUp() {
        BnkitKernel kernel = BnkitKernel.create();
        kernel.onStartup();
        try {
            kernel.eval("1 + 1");
            kernel.eval("var image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);\n"
                    + "image");
            kernel.eval("String s = \"x\"; s.length()");
            try {
                kernel.eval("int broken = \"not an int\";");
            } catch (RuntimeException expected) {
                kernel.formatError(expected);
            }
            try {
                kernel.eval("throw new IllegalStateException(\"warm-up\");");
            } catch (RuntimeException expected) {
                kernel.formatError(expected);
            }
            kernel.complete("System.out.pri", 14);
            kernel.isComplete("for (int i = 0; i < 3; i++) {");
        } finally {
            kernel.onShutdown(false);
        }
    }
}
