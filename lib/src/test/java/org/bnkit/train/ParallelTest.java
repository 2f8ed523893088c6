package org.bnkit.train;

import org.bnkit.data.Dataset;
import org.bnkit.data.Synthetic;
import org.bnkit.nn.Mlp;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTest {
    private static final Dataset DATA = Synthetic.gaussianClasses("blobs", 300, 8, 4, 2.0, 1);

    private static double[] run(long seed) {
        return Trainer.builder(Mlp.builder(8).hidden(16).outputs(4).batchNorm(true).seed(seed).build(),
                new SoftmaxCrossEntropy(), new Sgd(0.3)).batchSize(20).seed(seed).build().train(DATA, 30).losses();
    }

    @Test
    void resultsComeInTaskOrderAndEqualSequentialRuns() {
        List<Callable<double[]>> tasks = new ArrayList<>();
        for (long seed = 1; seed <= 5; seed++) {
            final long s = seed;
            tasks.add(() -> run(s));
        }
        List<double[]> results = Parallel.run(2, tasks);
        assertEquals(5, results.size());
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(run(i + 1), results.get(i), 0.0);
        }
    }

    @Test
    void mapAppliesTheFunctionToEachInputInOrder() {
        List<double[]> results = Parallel.map(List.of(3L, 1L, 2L), 2, ParallelTest::run);
        assertArrayEquals(run(3), results.get(0), 0.0);
        assertArrayEquals(run(1), results.get(1), 0.0);
        assertArrayEquals(run(2), results.get(2), 0.0);
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class, () -> Parallel.map(List.of(1), 0, i -> i));
        assertTrue(threads.getMessage().contains(">= 1"), threads.getMessage());
    }

    @Test
    void aFailingTaskThrowsItsOwnException() {
        List<Callable<Integer>> tasks = List.of(() -> 1, () -> {
            throw new IllegalStateException("broken run");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.run(2, tasks));
        assertEquals("broken run", e.getMessage());
    }

    @Test
    void interruptingTheCallerStopsEveryTask() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        AtomicBoolean workerInterrupted = new AtomicBoolean();
        Callable<Integer> endless = () -> {
            started.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            workerInterrupted.set(true);
            return 0;
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                Parallel.run(2, List.of(endless, endless));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(10_000);
        assertTrue(thrown.get() instanceof CancellationException, String.valueOf(thrown.get()));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!workerInterrupted.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(workerInterrupted.get(), "the tasks were not interrupted");
    }
}
