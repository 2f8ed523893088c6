package org.bnkit.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a benchmark figure depends on besides the code: the CPU, the JVM, its flags and collector, the
 * environment variables that change a BLAS's threading, and how busy the machine was while the
 * benchmark ran. Printed before the table so that anyone can compare their run with ours.
 */
final class Machine {
    private Machine() {
    }

    /** The lines printed before the table. */
    static List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("CPU: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available to the JVM");
        lines.add("Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.home") + ")");
        lines.add("JVM flags: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        lines.add("Garbage collector: " + collector());
        Map<String, String> vars = new TreeMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("OPENBLAS_") || k.startsWith("OMP_") || k.startsWith("GOTO") || k.startsWith("MKL_")
                    || k.startsWith("MALLOC_") || k.startsWith("BNKIT_")) {
                vars.put(k, v);
            }
        });
        lines.add("Environment: " + (vars.isEmpty() ? "no OPENBLAS_*, OMP_*, MKL_*, MALLOC_* or BNKIT_* variables set" : vars.toString())
                + " (the PyTorch reference runs without OPENBLAS_* variables but OPENBLAS_NUM_THREADS=1, with OMP_NUM_THREADS=1"
                + " and torch.set_num_threads(1), and glibc's malloc keeping freed memory: " + new TreeMap<>(PyTorchReference.MALLOC) + ")");
        return lines;
    }

    /** The JVM's collectors, as its management beans name them (G1 Young Generation, Copy, PS Scavenge, ...). */
    static String collector() {
        List<String> names = new ArrayList<>();
        ManagementFactory.getGarbageCollectorMXBeans().forEach(b -> names.add(b.getName()));
        return String.join(", ", names);
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through to the JVM's description
        }
        return System.getProperty("os.arch") + " (model unknown: no /proc/cpuinfo)";
    }

    /** The 1-minute load average now, or NaN where /proc/loadavg does not exist. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? Double.NaN : load;
        }
    }

    /**
     * Samples the 1-minute load average every second on a daemon thread, from construction to
     * {@link #stop}. The benchmark itself keeps one core busy, so a quiet 2-core machine shows
     * about 1.
     */
    static final class LoadSampler {
        private final List<Double> samples = new ArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        LoadSampler() {
            samples.add(loadAverage());
            thread = new Thread(() -> {
                while (running) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    synchronized (samples) {
                        samples.add(loadAverage());
                    }
                }
            }, "bnkit-bench-load");
            thread.setDaemon(true);
            thread.start();
        }

        /** Stops sampling; returns "min-max (mean m, n samples)". */
        String stop() {
            running = false;
            thread.interrupt();
            synchronized (samples) {
                samples.add(loadAverage());
                double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
                for (double s : samples) {
                    min = Math.min(min, s);
                    max = Math.max(max, s);
                    sum += s;
                }
                return String.format(Locale.ROOT, "%.2f-%.2f (mean %.2f over %d samples)", min, max, sum / samples.size(), samples.size());
            }
        }
    }
}
