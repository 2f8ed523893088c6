package org.bnkit.kernel.protocol;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.zeromq.ZMQ;

import java.io.PrintStream;

/**
 * A shell or control channel that survives messages it must refuse. jjava's own channel checks
 * each message's HMAC signature, but the exception it throws for a bad one ends its loop, after
 * which the kernel no longer answers; this channel drops such a message (unexecuted), notes it
 * in the kernel's log, and goes on serving.
 *
 * <p>It also waits for messages in the poll instead of sleeping between polls, so a request is
 * picked up as soon as it arrives.
 */
final class ResilientShellChannel extends ShellChannel {

    /** How long one poll waits for a message before the loop checks whether it should stop. */
    private static final long POLL_MILLIS = 100;

    private final boolean isControl;
    private final JupyterConnection connection;
    private final PrintStream log;
    private volatile Loop loop;

    /**
     * @param log the kernel process's own stderr (Jupyter's log), not a cell's output stream
     */
    ResilientShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean isControl,
                          JupyterConnection connection, PrintStream log) {
        super(context, hmac, isControl, connection);
        this.isControl = isControl;
        this.connection = connection;
        this.log = log;
    }

    @Override
    public void bind(KernelConnectionProperties properties) {
        if (loop != null) {
            throw new IllegalStateException("Channel already bound");
        }
        int port = isControl ? properties.getControlPort() : properties.getShellPort();
        bind(formatAddress(properties.getTransport(), properties.getIp(), port));
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        loop = new Loop(isControl ? "bnkit-control" : "bnkit-shell", 0, () -> {
            if (poller.poll(POLL_MILLIS) > 0) {
                serveOne();
            }
        });
        loop.start();
    }

    private void serveOne() {
        Message<?> message;
        try {
            message = readMessage();
        } catch (RuntimeException e) {
            // A bad signature or malformed message: all its frames were read, so just drop it.
            log.println("bnkit kernel: dropped a " + (isControl ? "control" : "shell") + " message: " + e.getMessage());
            return;
        }
        if (message == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        ShellHandler<Object> handler = (ShellHandler<Object>) connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
        try {
            @SuppressWarnings("unchecked")
            Message<Object> request = (Message<Object>) message;
            handler.handle(env, request);
        } catch (Exception e) {
            log.println("bnkit kernel: failed to handle " + message.getHeader().getType().getName() + ": " + e);
        } finally {
            env.resolveDeferrals();
        }
        if (env.isMarkedForShutdown()) {
            connection.close();
        }
    }

    @Override
    public void close() {
        Loop running = loop;
        if (running != null) {
            running.shutdown();
        }
        super.close();
    }

    @Override
    public void waitUntilClose() {
        Loop running = loop;
        if (running != null) {
            try {
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
