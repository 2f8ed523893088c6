package org.bnkit.train;

import org.bnkit.data.Dataset;
import org.bnkit.data.Synthetic;
import org.bnkit.nn.Init;
import org.bnkit.nn.Mlp;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTest {
    private static final Dataset DATA = Synthetic.gaussianClasses("blobs", 300, 5, 3, 2.0, 1);

    private static double[] run(long seed) {
        Sequential model = Mlp.builder(5).hidden(8).outputs(3).batchNorm(true).init(Init.xavier()).seed(seed).build();
        return Trainer.builder(model, new SoftmaxCrossEntropy(), new Sgd(0.2)).batchSize(10).seed(seed).build()
                .train(DATA, 40).losses();
    }

    @Test
    void resultsComeInInputOrderAndEqualSequentialRuns() {
        List<Long> seeds = List.of(1L, 2L, 3L, 4L, 5L);
        List<double[]> parallel = Parallel.map(seeds, 2, ParallelTest::run);
        assertEquals(5, parallel.size());
        for (int i = 0; i < seeds.size(); i++) {
            assertArrayEquals(run(seeds.get(i)), parallel.get(i), 0.0);
        }
    }

    @Test
    void aFailingRunRethrowsItsException() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.map(List.of(1, 2, 3), 2, i -> {
            if (i == 2) {
                throw new IllegalStateException("run " + i + " failed");
            }
            return i;
        }));
        assertEquals("run 2 failed", e.getMessage());
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class, () -> Parallel.map(List.of(1), 0, i -> i));
        assertTrue(threads.getMessage().contains(">= 1"), threads.getMessage());
    }

    @Test
    void interruptingTheCallerStopsTheRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                Parallel.map(List.of(1, 2), 2, i -> {
                    started.countDown();
                    Sequential model = Mlp.builder(5).hidden(8).outputs(3).init(Init.xavier()).seed(i).build();
                    Trainer trainer = Trainer.builder(model, new SoftmaxCrossEntropy(), new Sgd(0.1)).batchSize(10).seed(i).build();
                    while (true) {
                        trainer.train(DATA, 100);
                    }
                });
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        started.await();
        caller.interrupt();
        caller.join(10_000);
        assertTrue(!caller.isAlive(), "Parallel.map returned after the interrupt");
        assertInstanceOf(CancellationException.class, thrown.get());
    }
}
