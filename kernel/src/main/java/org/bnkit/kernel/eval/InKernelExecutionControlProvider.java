package org.bnkit.kernel.eval;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Hands JShell an {@link InKernelExecutionControl} bound to the evaluator's snippet thread. */
final class InKernelExecutionControlProvider implements ExecutionControlProvider {

    private final SnippetThread thread;
    private final AtomicReference<Object> lastValue;

    InKernelExecutionControlProvider(SnippetThread thread, AtomicReference<Object> lastValue) {
        this.thread = thread;
        this.lastValue = lastValue;
    }

    @Override
    public String name() {
        return "bnkit-in-kernel";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return new InKernelExecutionControl(thread, lastValue);
    }
}
