package org.bnkit.kernel.eval;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each snippet on a fresh thread of its own and waits for it, so that an interrupt request
 * can reach the user's code without touching the kernel's threads.
 *
 * <p>{@link #interrupt()} first calls {@link Thread#interrupt()}: {@code Thread.sleep}, blocking
 * queues and library loops that check {@link Thread#interrupted()} stop cleanly. A snippet that is
 * still running after the grace period is stopped with {@link Thread#stop()} (it still works on
 * Java 17; later JDKs refuse, and then the user is told to restart the kernel).
 */
final class SnippetThread {

    /** Outcome of one snippet run; written by the snippet's thread, read after it has ended. */
    private static final class Outcome {
        private Object value;
        private Throwable failure;
        private boolean finished;
    }

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Duration grace;
    private volatile Thread running;
    /** Set by {@link #interrupt()}; no further snippet starts until {@link #clearInterrupt()}. */
    private boolean interruptRequested;

    /** @param grace how long an interrupted snippet may take to end before it is forced to */
    SnippetThread(Duration grace) {
        this.grace = grace;
    }

    /** Whether the calling thread is one that runs a snippet. */
    boolean isSnippetThread() {
        return Thread.currentThread() == running;
    }

    /**
     * Runs {@code task} on a new thread whose context class loader is {@code loader}, and waits
     * for it to end.
     *
     * @return what {@code task} returned
     * @throws Exception      what {@code task} threw
     * @throws ForcedStop if the thread was stopped by force
     */
    Object run(Callable<Object> task, ClassLoader loader) throws Exception {
        Outcome outcome = new Outcome();
        Thread thread = new Thread(() -> {
            try {
                outcome.value = task.call();
            } catch (Throwable t) {
                outcome.failure = t;
            }
            outcome.finished = true;
        }, "bnkit-snippet-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        thread.setContextClassLoader(loader);
        // Under the lock, an interrupt either comes first (and the snippet never starts) or finds
        // the thread started (and interrupting it has an effect).
        synchronized (this) {
            if (interruptRequested) {
                throw new ForcedStop();
            }
            running = thread;
            thread.start();
        }
        try {
            thread.join();
        } finally {
            synchronized (this) {
                running = null;
            }
        }
        if (!outcome.finished || outcome.failure instanceof ThreadDeath) {
            throw new ForcedStop();
        }
        if (outcome.failure instanceof Exception e) {
            throw e;
        }
        if (outcome.failure instanceof Error e) {
            throw e;
        }
        return outcome.value;
    }

    /** Lets snippets start again after an {@link #interrupt()}; called as each cell starts. */
    synchronized void clearInterrupt() {
        interruptRequested = false;
    }

    /**
     * Interrupts the running snippet, if any, and forces it to stop if it is still running after
     * the grace period; snippets that would start later are refused until {@link #clearInterrupt()}.
     * Returns at once.
     */
    synchronized void interrupt() {
        interruptRequested = true;
        Thread thread = running;
        if (thread == null) {
            return;
        }
        thread.interrupt();
        Thread enforcer = new Thread(() -> forceAfterGrace(thread), "bnkit-interrupt");
        enforcer.setDaemon(true);
        enforcer.start();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private void forceAfterGrace(Thread thread) {
        try {
            thread.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!thread.isAlive() || running != thread) {
            return;
        }
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) {
            // System.err is the running cell's stderr stream at this point.
            System.err.println("The cell ignored the interrupt and this Java version (" + Runtime.version()
                    + ") cannot stop a thread by force: restart the kernel to stop it.");
        }
    }

    /** The snippet's thread was stopped by force before it could finish. */
    static final class ForcedStop extends Exception {
        ForcedStop() {
            super("stopped", null, false, false);
        }
    }
}
