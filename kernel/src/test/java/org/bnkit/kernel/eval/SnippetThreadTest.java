package org.bnkit.kernel.eval;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SnippetThreadTest {

    private final SnippetThread thread = new SnippetThread(Duration.ofMillis(200));

    @Test
    void returnsTheValueAndRethrowsTheException() throws Exception {
        assertEquals(42, thread.run(() -> 42, getClass().getClassLoader()));
        assertThrows(IllegalStateException.class, () -> thread.run(() -> {
            throw new IllegalStateException("boom");
        }, getClass().getClassLoader()));
    }

    @Test
    void anInterruptBeforeASnippetStartsKeepsItFromStartingUntilCleared() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        thread.interrupt();
        assertThrows(SnippetThread.ForcedStop.class, () -> thread.run(() -> ran.getAndSet(true), null));
        assertFalse(ran.get());
        thread.clearInterrupt();
        assertEquals(false, thread.run(() -> ran.getAndSet(true), null));
    }

    @Test
    void snippetsRunWithTheGivenContextClassLoader() throws Exception {
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) { };
        assertEquals(loader, thread.run(() -> Thread.currentThread().getContextClassLoader(), loader));
    }
}
