package org.bnkit.bench;

import org.bnkit.Kit;
import org.bnkit.data.Batch;
import org.bnkit.data.Mnist;
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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * The library's benchmark command: the median time of BN training forward+backward at
 * (N, D) in {60, 256, 1024} x {100, 1024, 4096} and of one SGD step of the paper's MNIST
 * network (784-100-100-100-10 sigmoid, softmax cross-entropy, with and without BN; each step on the
 * next of the first 20 batches of 60 binarized MNIST training images, {@link #mlpBatches()}), each
 * next to PyTorch's one-thread CPU time for the same workload on the same batches, measured in the
 * same run, right after bnkit's ({@link PyTorchReference.Session}).
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp "lib/target/bnkit.jar:lib/target/dependency/*" \
 *        org.bnkit.bench.Benchmark [--mlp] [--runs N] [--quick] [--no-torch] [--any-blas]
 * </pre>
 *
 * <p>Before the table it prints what the figures depend on ({@link Machine}: CPU, JVM and flags,
 * BLAS environment variables) and what PyTorch runs on ({@link PyTorchReference}: its build
 * configuration and the BLAS library its process really loaded; anything but OpenBLAS is refused
 * unless {@code --any-blas}). Each run prints its table and the load average during it;
 * {@code --runs N} repeats the measurement N times in one JVM and ends with the median and range
 * of every ratio.
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
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bnkit bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("bnkit benchmark (" + (options.quick ? "quick" : "full") + ", " + options.runs + " run"
                + (options.runs == 1 ? "" : "s") + (options.mlpOnly ? ", MLP step only" : "") + ")");
        Machine.describe().forEach(System.out::println);
        if (options.torch) {
            try {
                describeReference(options);
            } catch (IllegalStateException e) {
                System.err.println("bnkit bench: " + e.getMessage());
                System.exit(2);
            }
        }
        Kernels.awaitVectorLoops(Duration.ofSeconds(30));
        System.out.println("Loops (BatchNorm, Linear, Sigmoid, SGD): " + Kernels.describe()
                + (Kernels.describe().startsWith("Vector") ? "" : " (start the JVM with --add-modules jdk.incubator.vector for the Vector API)"));

        List<Batch> batches = mlpBatches();
        List<Map<String, Row>> runs = new ArrayList<>();
        for (int run = 1; run <= options.runs; run++) {
            Machine.LoadSampler load = new Machine.LoadSampler();
            Map<String, Row> rows;
            try {
                rows = measure(options, batches);
            } catch (IllegalStateException e) {
                System.err.println("bnkit bench: " + e.getMessage());
                System.exit(2);
                return;
            }
            String during = load.stop();
            System.out.println();
            System.out.println("Run " + run + " of " + options.runs + "; load average (1 min) during the run: " + during);
            printRun(rows);
            runs.add(rows);
        }
        if (runs.size() > 1) {
            System.out.println();
            System.out.println("Median (range) over the " + runs.size() + " runs:");
            printSummary(runs);
        }
    }

    /** The command line: --quick, --no-torch, --any-blas, --mlp, --runs N. */
    record Options(boolean quick, boolean torch, boolean anyBlas, boolean mlpOnly, int runs) {
        static Options parse(String[] args) {
            boolean quick = false, torch = true, anyBlas = false, mlpOnly = false;
            int runs = 1;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--no-torch" -> torch = false;
                    case "--any-blas" -> anyBlas = true;
                    case "--mlp" -> mlpOnly = true;
                    case "--runs" -> {
                        if (i + 1 == args.length || !args[i + 1].matches("[1-9][0-9]{0,2}")) {
                            throw new IllegalArgumentException("--runs needs a whole number of runs from 1 to 999, e.g. --runs 5");
                        }
                        runs = Integer.parseInt(args[++i]);
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i]
                            + "'; the options are --mlp (only the MLP step), --runs N (repeat, then median and range),"
                            + " --quick, --no-torch, --any-blas (compare with PyTorch on a BLAS other than OpenBLAS)");
                }
            }
            return new Options(quick, torch, anyBlas, mlpOnly, runs);
        }
    }

    /** Prints what PyTorch runs on; refuses a BLAS other than OpenBLAS unless --any-blas. */
    private static void describeReference(Options options) throws Exception {
        PyTorchReference.Info info = PyTorchReference.info();
        System.out.println("PyTorch " + info.version() + " on one thread, /usr/bin/python3; torch.__config__.show():");
        info.config().forEach(line -> System.out.println("    " + line));
        System.out.println("BLAS libraries mapped by the PyTorch process (/proc/self/maps): "
                + (info.mapped().isEmpty() ? "none" : String.join(", ", info.mapped())));
        info.openBlasConfig().forEach(line -> System.out.println("OpenBLAS: " + line));
        if (!info.openBlas()) {
            String problem = "PyTorch does not run on OpenBLAS here (mapped: " + info.mapped() + "). Debian's python3-torch"
                    + " falls back to the reference BLAS, several times slower, which flatters bnkit. Install OpenBLAS with: "
                    + PyTorchReference.INSTALL + ", and check that update-alternatives --display libblas.so.3-x86_64-linux-gnu"
                    + " points at openblas-pthread";
            if (!options.anyBlas()) {
                throw new IllegalStateException(problem + " (or run with --any-blas to compare anyway)");
            }
            System.out.println("WARNING: " + problem);
        }
    }

    /** One workload's times in one run; null where not measured. */
    record Row(String label, Double vector, Double plain, Double floor, Double reference) {
    }

    /**
     * One run: each workload on bnkit's Vector API loops, then at once on PyTorch (when asked for),
     * then on the plain loops and, for BN, the copy floor; so that the two times of each speed-up
     * are taken seconds apart.
     */
    private static Map<String, Row> measure(Options options, List<Batch> batches) throws Exception {
        double seconds = options.quick() ? 0.3 : 1.5;
        Map<String, Row> rows = new LinkedHashMap<>();
        try (PyTorchReference.Session reference = options.torch()
                ? PyTorchReference.open(options.quick(), Kit.dataDir().resolve("mnist")) : null) {
            if (!options.mlpOnly()) {
                for (int n : NS) {
                    for (int d : DS) {
                        String key = "bn " + n + "x" + d;
                        double vector = batchNormMedianSeconds(n, d, seconds);
                        Double torch = reference == null ? null : reference.seconds(key);
                        rows.put(key, new Row("BN fwd+bwd " + n + "x" + d, vector, plainLoops(() -> batchNormMedianSeconds(n, d, seconds)),
                                copyFloorMedianSeconds(n, d, seconds / 2), torch));
                    }
                }
            }
            for (boolean bn : new boolean[] {false, true}) {
                String key = bn ? "mlp_bn" : "mlp";
                double vector = mlpStepMedianSeconds(bn, batches, seconds * 2);
                Double torch = reference == null ? null : reference.seconds(key);
                rows.put(key, new Row(bn ? "MLP step, BN" : "MLP step, no BN", vector,
                        plainLoops(() -> mlpStepMedianSeconds(bn, batches, seconds * 2)), null, torch));
            }
        }
        return rows;
    }

    private static final String FORMAT = "%-22s %11s %11s %13s %11s %11s %11s %11s %10s%n";

    /** "Vector API" when the layers run the Vector API's loops, else "default" (a JVM without the module). */
    private static String defaultLoops() {
        return Kernels.describe().startsWith("Vector") ? "Vector API" : "default";
    }

    private static void printRun(Map<String, Row> rows) {
        System.out.printf(Locale.ROOT, FORMAT, "workload", defaultLoops(), "", "PyTorch 1 thr", "speed-up", "plain loops",
                "speed-up", "copy floor", "PyT/floor");
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            String rate;
            if (e.getKey().startsWith("bn ")) {
                String[] nd = e.getKey().substring(3).split("x");
                double bytes = 5.0 * Integer.parseInt(nd[0]) * Integer.parseInt(nd[1]) * 8;
                rate = String.format(Locale.ROOT, "%6.1f GB/s", bytes / r.vector() / 1e9);
            } else {
                rate = String.format(Locale.ROOT, "%6.0f st/s", 1 / r.vector());
            }
            System.out.printf(Locale.ROOT, FORMAT, r.label(), time(r.vector()), rate, time(r.reference()), ratio(r.reference(), r.vector()),
                    time(r.plain()), ratio(r.reference(), r.plain()), time(r.floor()), ratio(r.reference(), r.floor()));
        }
    }

    private static void printSummary(List<Map<String, Row>> runs) {
        String format = "%-22s %11s %13s %15s %11s %15s %15s%n";
        System.out.printf(Locale.ROOT, format, "workload", defaultLoops(), "PyTorch 1 thr", "speed-up", "plain loops", "speed-up", "PyT/floor");
        for (String key : runs.get(0).keySet()) {
            List<Row> rows = runs.stream().map(r -> r.get(key)).toList();
            System.out.printf(Locale.ROOT, format, rows.get(0).label(),
                    time(median(rows.stream().map(Row::vector).toList())),
                    time(median(rows.stream().map(Row::reference).toList())),
                    spread(rows.stream().map(r -> quotient(r.reference(), r.vector())).toList()),
                    time(median(rows.stream().map(Row::plain).toList())),
                    spread(rows.stream().map(r -> quotient(r.reference(), r.plain())).toList()),
                    spread(rows.stream().map(r -> quotient(r.reference(), r.floor())).toList()));
        }
    }

    private static Double quotient(Double a, Double b) {
        return a == null || b == null ? null : a / b;
    }

    /** The median of the values; null if any is null (a workload not measured). */
    static Double median(List<Double> values) {
        if (values.stream().anyMatch(Objects::isNull)) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** "median (min-max)" of ratios, e.g. "2.1x (1.9-2.4)". */
    private static String spread(List<Double> ratios) {
        Double median = median(ratios);
        if (median == null) {
            return "-";
        }
        double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return String.format(Locale.ROOT, "%.1fx (%.1f-%.1f)", median, min, max);
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

    private static String time(Double seconds) {
        if (seconds == null) {
            return "-";
        }
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

    /** How many batches of 60 the MLP step cycles through: the first 1,200 training images. */
    static final int MLP_BATCHES = 20;

    /**
     * The MLP step's input: the first {@value #MLP_BATCHES} batches of 60 binarized MNIST training
     * images (pixel 1 at intensity 128 or more, as in the paper's section 4.1: 13.2% ones over the
     * training set), in order, each its own array, as a training loop meets them.
     */
    static List<Batch> mlpBatches() {
        List<Batch> batches = new ArrayList<>();
        Mnist.train(Kit.dataDir().resolve("mnist")).head(60 * MLP_BATCHES)
                .forEachBatch(60, b -> batches.add(new Batch(b.x().copy(), b.labels().clone(), null)));
        return batches;
    }

    /** Median time of one SGD step of the Figure-1 network, each step on the next of the given batches. */
    static double mlpStepMedianSeconds(boolean withBn, List<Batch> batches, double budget) {
        return medianSeconds(mlpSteps(withBn, batches), budget);
    }

    /**
     * SGD steps of the Figure-1 network, built now (seed 1): each run of the result is one step,
     * on the next of the given batches.
     */
    static Runnable mlpSteps(boolean withBn, List<Batch> batches) {
        Sequential net = Mlp.builder(784).hidden(100, 100, 100).outputs(10).batchNorm(withBn)
                .init(Init.xavier()).seed(1).build();
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Sgd sgd = new Sgd(1e-3);
        List<Parameter> params = net.parameters();
        int[] step = {0};
        return () -> {
            Batch batch = batches.get(step[0]++ % batches.size());
            net.zeroGrad();
            loss.forward(net.forward(batch.x(), Mode.TRAIN), batch);
            net.backwardToParameters(loss.backward());
            sgd.step(params);
        };
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
}
