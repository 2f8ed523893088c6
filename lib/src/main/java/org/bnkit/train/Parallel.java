package org.bnkit.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Independent runs (trainings with their own model and seeds) on several threads at once.
 *
 * <p>Each run must own everything it modifies (its model, trainer and optimizer); datasets are
 * only read and may be shared. A run's result then depends on its seeds alone, never on the
 * number of threads or on which run finishes first. Interrupting the calling thread (the
 * notebook's stop button) interrupts every run, and the trainer stops after its current step.
 */
public final class Parallel {
    private Parallel() {
    }

    /**
     * {@code [f(inputs[0]), f(inputs[1]), ...]}, computed on up to {@code threads} threads.
     *
     * @throws CancellationException if the calling thread is interrupted while waiting
     * @throws RuntimeException      the first failure of a run, in input order, as thrown by it
     */
    public static <T, R> List<R> map(List<T> inputs, int threads, Function<? super T, ? extends R> f) {
        if (threads < 1) {
            throw new IllegalArgumentException("Parallel.map: threads must be >= 1, got " + threads);
        }
        if (inputs.isEmpty()) {
            return List.of();
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, inputs.size()), task -> {
            Thread t = new Thread(task, "bnkit-parallel-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Callable<R>> tasks = new ArrayList<>();
            for (T input : inputs) {
                tasks.add(() -> f.apply(input));
            }
            List<Future<R>> futures = pool.invokeAll(tasks);
            List<R> results = new ArrayList<>(inputs.size());
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Parallel.map: interrupted; every run was stopped");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("Parallel.map: a run failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@link #map(List, int, Function)} on as many threads as the machine has cores. */
    public static <T, R> List<R> map(List<T> inputs, Function<? super T, ? extends R> f) {
        return map(inputs, Runtime.getRuntime().availableProcessors(), f);
    }
}
