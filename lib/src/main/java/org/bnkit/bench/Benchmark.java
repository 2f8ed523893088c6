package org.bnkit.bench;

import org.bnkit.data.Batch;
import org.bnkit.data.Synthetic;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.Init;
import org.bnkit.nn.Kernels;
import org.bnkit.nn.Mlp;
import org.bnkit.nn.Mode;
import org.bnkit.nn.Parameter;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.bnkit.train.Sgd;
import org.ejml.data.DMatrixRMaj;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library's benchmark command: the median time of BN training forward+backward at
 * (N, D) in {60, 256, 1024} x {100, 1024, 4096} and of one SGD step of the paper's MNIST
 * network (784-100-100-100-10 sigmoid, batch 60, with and without BN), each next to PyTorch's
 * one-thread CPU time for the same workload, measured in the same run when
 * {@code /usr/bin/python3} can import torch.
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp "lib/target/bnkit.jar:lib/target/dependency/*" \
 *        org.bnkit.bench.Benchmark [--quick] [--no-torch]
 * </pre>
 *
 * <p>BatchNorm's loops run on the Vector API when the JVM has the module (as in the kit's kernel)
 * and as plain Java loops otherwise (as under IJava); both are measured, the second with
 * {@code -Dbnkit.vector=false} set for the layers it builds.
 *
 * <p><b>Copy floor.</b> For each BN shape the benchmark also times {@code System.arraycopy} of x
 * into y and of dY into dX over the same four arrays: four of the five array streams that BN
 * forward+backward must make at least, at the JVM's fastest copy. No implementation of the layer
 * can beat it, so PyTorch's time over the floor is the largest speed-up this machine allows on
 * that shape.
 *
 * <p>Times are medians of the thread's CPU time per repetition (not wall time), for both
 * libraries, so that a shared machine's other work does not count against either.
 *
 * <p>GB/s counts the minimum memory traffic of BN forward+backward in float64: read x, write y,
 * read dY, read x, write dX, that is 5 N D 8 bytes; the implementation makes more passes, so this
 * is an effective rate, computed the same way for both.
 */
public final class Benchmark {
    private static final int[] NS = {60, 256, 1024};
    private static final int[] DS = {100, 1024, 4096};

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        boolean torch = !Arrays.asList(args).contains("--no-torch");
        double seconds = quick ? 0.3 : 1.5;
        System.out.printf(Locale.ROOT, "bnkit benchmark: %s, %d cores, %s%n", System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), quick ? "quick" : "full");

        Kernels.awaitVectorLoops(Duration.ofSeconds(30));
        System.out.println("BatchNorm loops: " + Kernels.describe()
                + (Kernels.describe().startsWith("Vector") ? "" : " (start the JVM with --add-modules jdk.incubator.vector for the Vector API)"));
        Map<String, Double> ours = new LinkedHashMap<>();
        Map<String, Double> plain = new LinkedHashMap<>();
        Map<String, Double> floor = new LinkedHashMap<>();
        for (int n : NS) {
            for (int d : DS) {
                String key = "bn " + n + "x" + d;
                ours.put(key, batchNormMedianSeconds(n, d, seconds));
                plain.put(key, plainLoops(() -> batchNormMedianSeconds(n, d, seconds)));
                floor.put(key, copyFloorMedianSeconds(n, d, seconds / 2));
            }
        }
        ours.put("mlp", mlpStepMedianSeconds(false, seconds * 2));
        ours.put("mlp_bn", mlpStepMedianSeconds(true, seconds * 2));
        plain.put("mlp_bn", plainLoops(() -> mlpStepMedianSeconds(true, seconds * 2)));

        Map<String, Double> reference = torch ? pytorch(quick) : Map.of();
        if (torch && reference.isEmpty()) {
            System.out.println("PyTorch: not measured (/usr/bin/python3 cannot import torch; install python3-torch)");
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "%-22s %12s %10s %14s %9s %12s %9s %12s %10s%n", "workload", "bnkit", "",
                "PyTorch 1 thr", "speed-up", "plain loops", "speed-up", "copy floor", "PyT/floor");
        for (Map.Entry<String, Double> e : ours.entrySet()) {
            String key = e.getKey();
            double t = e.getValue();
            String rate;
            if (key.startsWith("bn ")) {
                String[] nd = key.substring(3).split("x");
                double bytes = 5.0 * Integer.parseInt(nd[0]) * Integer.parseInt(nd[1]) * 8;
                rate = String.format(Locale.ROOT, "%6.1f GB/s", bytes / t / 1e9);
            } else {
                rate = String.format(Locale.ROOT, "%6.0f st/s", 1 / t);
            }
            Double ref = reference.get(key);
            String label = key.equals("mlp") ? "MLP step, no BN" : key.equals("mlp_bn") ? "MLP step, BN" : "BN fwd+bwd " + key.substring(3);
            Double slow = plain.get(key), least = floor.get(key);
            System.out.printf(Locale.ROOT, "%-22s %12s %10s %14s %9s %12s %9s %12s %10s%n", label, time(t), rate,
                    ref == null ? "-" : time(ref), ratio(ref, t),
                    slow == null ? "-" : time(slow), ratio(ref, slow),
                    least == null ? "-" : time(least), ratio(ref, least));
        }
    }

    private static String ratio(Double reference, Double t) {
        return reference == null || t == null ? "-" : String.format(Locale.ROOT, "%.1fx", reference / t);
    }

    /** Runs {@code measure} with BatchNorm layers built on the plain Java loops. */
    private static double plainLoops(DoubleSupplier measure) {
        String before = System.setProperty("bnkit.vector", "false");
        try {
            return measure.getAsDouble();
        } finally {
            if (before == null) {
                System.clearProperty("bnkit.vector");
            } else {
                System.setProperty("bnkit.vector", before);
            }
        }
    }

    /** Median time of copying x into y and dY into dX, (n, d) each: the copy floor of BN forward+backward. */
    static double copyFloorMedianSeconds(int n, int d, double budget) {
        double[] x = new double[n * d], y = new double[n * d], g = new double[n * d], dx = new double[n * d];
        Arrays.fill(x, 1.0);
        Arrays.fill(g, -1.0);
        return medianSeconds(() -> {
            System.arraycopy(x, 0, y, 0, x.length);
            System.arraycopy(g, 0, dx, 0, g.length);
        }, budget);
    }

    private static String time(double seconds) {
        return seconds < 1e-3 ? String.format(Locale.ROOT, "%.1f us", seconds * 1e6) : String.format(Locale.ROOT, "%.3f ms", seconds * 1e3);
    }

    /** Median time of one training-mode forward+backward of BN over (n, d). */
    static double batchNormMedianSeconds(int n, int d, double budget) {
        BatchNorm bn = new BatchNorm("bn", d);
        Random rng = new Random(1);
        DMatrixRMaj x = new DMatrixRMaj(n, d), g = new DMatrixRMaj(n, d);
        for (int k = 0; k < n * d; k++) {
            x.data[k] = rng.nextGaussian();
            g.data[k] = rng.nextGaussian();
        }
        return medianSeconds(() -> {
            bn.forward(x, Mode.TRAIN);
            bn.backward(g);
        }, budget);
    }

    /** Median time of one SGD step of the Figure-1 network on a batch of 60 binary images. */
    static double mlpStepMedianSeconds(boolean withBn, double budget) {
        Sequential net = Mlp.builder(784).hidden(100, 100, 100).outputs(10).batchNorm(withBn)
                .init(Init.xavier()).seed(1).build();
        Batch batch = Synthetic.binaryImages(60, 0.19, 2);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Sgd sgd = new Sgd(1e-3);
        List<Parameter> params = net.parameters();
        return medianSeconds(() -> {
            net.zeroGrad();
            loss.forward(net.forward(batch.x(), Mode.TRAIN), batch);
            net.backwardToParameters(loss.backward());
            sgd.step(params);
        }, budget);
    }


    /**
     * Runs {@code work} for a warm-up of {@code budget} seconds, then times it in samples of
     * enough repetitions to last about 2 ms each for another {@code budget} seconds; returns the
     * median time per repetition. Time is the thread's CPU time, so that other processes on a
     * shared machine do not count; the PyTorch script measures the same way.
     */
    static double medianSeconds(Runnable work, double budget) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + (long) (budget * 1e9);
        long cpu0 = threads.getCurrentThreadCpuTime();
        int reps = 0;
        while (System.nanoTime() < end) {
            work.run();
            reps++;
        }
        double cpuPerRep = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9 / reps;
        int perSample = Math.max(1, (int) (2e-3 / cpuPerRep));
        List<Double> samples = new ArrayList<>();
        end = System.nanoTime() + (long) (budget * 1e9);
        while (System.nanoTime() < end || samples.size() < 5) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < perSample; i++) {
                work.run();
            }
            samples.add((threads.getCurrentThreadCpuTime() - t0) / 1e9 / perSample);
        }
        samples.sort(null);
        return samples.get(samples.size() / 2);
    }

    /** Runs the PyTorch script bundled with the library under /usr/bin/python3 with one thread. */
    static Map<String, Double> pytorch(boolean quick) throws IOException, InterruptedException {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            return Map.of();
        }
        byte[] script;
        try (InputStream in = Benchmark.class.getResourceAsStream("torch_reference.py")) {
            script = in.readAllBytes();
        }
        ProcessBuilder pb = new ProcessBuilder(python.toString(), "-", quick ? "--quick" : "--full");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(script);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            return Map.of();
        }
        Map<String, Double> result = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^(.+?)\\t([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(out.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            result.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return result;
    }
}
