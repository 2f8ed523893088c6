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
 * Independent training runs on several threads, for notebooks that compare networks (with and
 * without BN, several seeds). Each task must own everything it mutates (its model, trainer and
 * probes); shared datasets are only read. Results are those of the same tasks run one after the
 * other: every random choice is seeded inside the task.
 *
 * <p>The notebook's stop button interrupts the waiting thread; every task is then interrupted,
 * so their {@link Trainer}s stop, and {@link CancellationException} is thrown.
 *
 * <p>{@link #run} takes the tasks themselves; {@link #map} applies one function to several
 * inputs (seeds, settings).
 */
public final class Parallel {
    private Parallel() {
    }

    /**
     * Runs the tasks on {@code min(tasks, available cores)} threads and returns their results in
     * the order of the tasks.
     *
     * @throws RuntimeException the first failure of a task (in task order), after cancelling the others
     */
    public static <T> List<T> run(List<? extends Callable<T>> tasks) {
        return run(Math.min(tasks.size(), Runtime.getRuntime().availableProcessors()), tasks);
    }

    /** As {@link #run(List)}, on at most {@code threads} threads. */
    public static <T> List<T> run(int threads, List<? extends Callable<T>> tasks) {
        if (threads < 1) {
            throw new IllegalArgumentException("Parallel.run: threads must be >= 1, got " + threads);
        }
        if (tasks.isEmpty()) {
            return List.of();
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
            Thread t = new Thread(r, "bnkit-parallel-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Future<T>> futures = new ArrayList<>();
        try {
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Parallel.run: interrupted; every run was stopped");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("Parallel.run: a task failed: " + cause, cause);
        } finally {
            for (Future<T> f : futures) {
                f.cancel(true);
            }
            pool.shutdownNow();
        }
    }

    /**
     * {@code [f(inputs[0]), f(inputs[1]), ...]}, computed on up to {@code threads} threads, in
     * the order of the inputs.
     */
    public static <I, T> List<T> map(List<I> inputs, int threads, Function<? super I, ? extends T> f) {
        List<Callable<T>> tasks = new ArrayList<>();
        for (I input : inputs) {
            tasks.add(() -> f.apply(input));
        }
        return run(threads, tasks);
    }

    /** {@link #map(List, int, Function)} on as many threads as the machine has cores. */
    public static <I, T> List<T> map(List<I> inputs, Function<? super I, ? extends T> f) {
        return map(inputs, Runtime.getRuntime().availableProcessors(), f);
    }
}
