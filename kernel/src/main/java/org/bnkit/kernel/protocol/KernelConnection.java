package org.bnkit.kernel.protocol;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

import java.io.PrintStream;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

/**
 * jjava's connection with {@link ResilientShellChannel}s for the shell and control sockets, so
 * that a message with a bad signature is refused without silencing the kernel. Heartbeat, stdin
 * and IOPub are jjava's. Every socket binds to exactly the transport, address and port of the
 * connection file, and every message is checked against its key.
 */
public final class KernelConnection extends JupyterConnection {

    private final KernelConnectionProperties properties;
    private final ZMQ.Context context;
    private final ResilientShellChannel shellChannel;
    private final ResilientShellChannel controlChannel;

    /**
     * @param properties the connection file's content
     * @param log        the kernel process's own stderr, for refused messages
     */
    public KernelConnection(KernelConnectionProperties properties, PrintStream log)
            throws NoSuchAlgorithmException, InvalidKeyException {
        super(properties);
        this.properties = properties;
        this.context = ZMQ.context(1);
        HMACGenerator hmac = properties.createHMACGenerator();
        this.shellChannel = new ResilientShellChannel(context, hmac, false, this, log);
        this.controlChannel = new ResilientShellChannel(context, hmac, true, this, log);
    }

    @Override
    public void connect() {
        heartbeat.bind(properties);
        shellChannel.bind(properties);
        controlChannel.bind(properties);
        stdin.bind(properties);
        iopub.bind(properties);
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
    }

    @Override
    public void close() {
        shellChannel.close();
        controlChannel.close();
        super.close();
        context.close();
    }

    @Override
    public void waitUntilClose() {
        shellChannel.waitUntilClose();
        controlChannel.waitUntilClose();
        super.waitUntilClose();
    }
}
