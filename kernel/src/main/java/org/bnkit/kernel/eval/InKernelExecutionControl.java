package org.bnkit.kernel.eval;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs snippets inside the kernel's own JVM, as IJava does: user code calls {@code display(...)}
 * on the running kernel, and libraries added with {@code %classpath} are loaded once and shared by
 * all later cells. Each snippet runs on a {@link SnippetThread} so that it can be interrupted.
 *
 * <p>JShell only passes values around as strings; the object a snippet produced is kept in
 * {@link #lastValue} for the evaluator to render.
 */
final class InKernelExecutionControl extends DirectExecutionControl {

    private final SnippetThread thread;
    private final AtomicReference<Object> lastValue;

    /**
     * @param thread    runs the snippets
     * @param lastValue receives the value of each snippet run. Modified.
     */
    InKernelExecutionControl(SnippetThread thread, AtomicReference<Object> lastValue) {
        this.thread = thread;
        this.lastValue = lastValue;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object value;
        try {
            value = thread.run(() -> doitMethod.invoke(null), doitMethod.getDeclaringClass().getClassLoader());
        } catch (SnippetThread.ForcedStop e) {
            throw new StoppedException();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ThreadDeath) {
                throw new StoppedException();
            }
            throw e;
        } finally {
            System.out.flush();
            System.err.flush();
        }
        lastValue.set(value);
        // JShell only shows this string; the evaluator renders the object itself.
        return "";
    }
}
