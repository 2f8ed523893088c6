package org.bnkit.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs a {@link BnkitKernel} in the test's JVM and drives it through its real execute handler,
 * recording the messages it publishes instead of sending them over ZeroMQ. One harness (one
 * kernel) at a time: jjava keeps the running kernel in a static.
 */
final class KernelHarness implements AutoCloseable {

    private final BnkitKernel kernel;
    private final JupyterConnection connection;

    KernelHarness() throws Exception {
        kernel = BnkitKernel.create();
        // The sockets are created but never bound: the handlers are called directly.
        connection = new JupyterConnection(new KernelConnectionProperties(
                "127.0.0.1", 0, 0, 0, 0, 0, "tcp", "hmac-sha256", "test-key"));
        kernel.becomeHandlerForConnection(connection);
        kernel.onStartup();
        kernel.awaitReady();
    }

    BnkitKernel kernel() {
        return kernel;
    }

    /** Executes {@code code} as an execute_request would, and returns what the kernel published. */
    Execution execute(String code) throws Exception {
        Message<ExecuteRequest> request = new Message<>(null, MessageType.EXECUTE_REQUEST,
                new ExecuteRequest(code, false, true, Map.of(), false, true));
        RecordingEnvironment env = new RecordingEnvironment(request);
        connection.getHandler(MessageType.EXECUTE_REQUEST).handle(env, request);
        env.resolveDeferrals();
        return new Execution(List.copyOf(env.published), List.copyOf(env.replies));
    }

    @Override
    public void close() {
        kernel.onShutdown(false);
        connection.close();
    }

    /** What one execute_request published on IOPub and replied on the shell channel. */
    record Execution(List<Message<?>> published, List<Message<?>> replies) {

        /** The execute_result bundle, or {@code null} if the cell showed no value. */
        DisplayData result() {
            return contents(PublishExecuteResult.class).stream().findFirst().orElse(null);
        }

        String resultText() {
            DisplayData result = result();
            return result == null ? null : (String) result.getData(MIMEType.TEXT_PLAIN);
        }

        List<PublishDisplayData> displays() {
            return contents(PublishDisplayData.class);
        }

        PublishError error() {
            return contents(PublishError.class).stream().findFirst().orElse(null);
        }

        /** The error's traceback as one string, or {@code null} if the cell succeeded. */
        String traceback() {
            PublishError error = error();
            return error == null ? null : String.join("\n", error.getStacktrace());
        }

        String stdout() {
            return stream(PublishStream.StreamType.OUT);
        }

        String stderr() {
            return stream(PublishStream.StreamType.ERR);
        }

        /** Everything visible below the cell, for assertions that nothing was shown. */
        List<Object> outputs() {
            List<Object> outputs = new ArrayList<>();
            outputs.addAll(contents(PublishExecuteResult.class));
            outputs.addAll(displays());
            outputs.addAll(contents(PublishStream.class));
            outputs.addAll(contents(PublishError.class));
            return outputs;
        }

        private String stream(PublishStream.StreamType type) {
            return contents(PublishStream.class).stream()
                    .filter(s -> s.getStreamType() == type)
                    .map(PublishStream::getText)
                    .collect(Collectors.joining());
        }

        private <T> List<T> contents(Class<T> type) {
            return published.stream()
                    .map(Message::getContent)
                    .filter(type::isInstance)
                    .map(type::cast)
                    .toList();
        }
    }

    /** A reply environment that records messages instead of sending them. */
    private static final class RecordingEnvironment extends ShellReplyEnvironment {

        private final List<Message<?>> published = Collections.synchronizedList(new ArrayList<>());
        private final List<Message<?>> replies = Collections.synchronizedList(new ArrayList<>());
        private boolean deferNext;

        RecordingEnvironment(Message<?> request) {
            super(null, null, null, request);
        }

        @Override
        public ShellReplyEnvironment defer() {
            deferNext = true;
            return this;
        }

        @Override
        public void publish(Message<?> message) {
            record(published, message);
        }

        @Override
        public void reply(Message<?> message) {
            record(replies, message);
        }

        private void record(List<Message<?>> into, Message<?> message) {
            if (deferNext) {
                deferNext = false;
                defer(() -> into.add(message));
            } else {
                into.add(message);
            }
        }
    }
}
