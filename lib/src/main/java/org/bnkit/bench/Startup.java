package org.bnkit.bench;

import org.bnkit.data.Batch;
import org.bnkit.nn.Kernels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The first seconds of training in a new JVM, with and without the Vector API module: how long
 * the layers run the plain loops before the Vector API's loops take over, and when the JVM with
 * the module has made as many SGD steps as one without it.
 *
 * <pre>
 *   java -cp "lib/target/bnkit.jar:lib/target/dependency/*" org.bnkit.bench.Startup \
 *        [--runs N] [--seconds S] [--one-cpu]
 * </pre>
 *
 * <p>Each run starts two JVMs one after the other, with {@code --add-modules jdk.incubator.vector}
 * and without it, each training the Figure-1 network without BN on the benchmark's MNIST batches
 * ({@link Benchmark#mlpSteps}) for S seconds of wall time from the moment the network is built,
 * and counting its steps at every half second. Wall time, not CPU time: until the Vector API's
 * loops are compiled the layers run the plain loops while the warm-up thread and the JIT
 * compiler take processor time from them, and the wait is what a reader of a notebook sees.
 * {@code --one-cpu} runs both JVMs on one CPU ({@code taskset}) with a 512 MB heap, as Binder
 * runs a notebook.
 */
public final class Startup {
    /** Steps are counted at every mark, this many seconds apart. */
    static final double MARK = 0.5;

    private static final String CHILD = "--child";

    private Startup() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals(CHILD)) {
            trainAndCount(Double.parseDouble(args[1]));
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bnkit bench --startup: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("bnkit startup benchmark: " + options.runs() + " run" + (options.runs() == 1 ? "" : "s")
                + " of two new JVMs (with and without the Vector API module), each training the Figure-1 network"
                + " without BN for " + options.seconds() + " s from the moment it is built"
                + (options.oneCpu() ? ", on one CPU with a 512 MB heap" : ""));
        Machine.describe().forEach(System.out::println);
        for (boolean module : new boolean[] {true, false}) {
            System.out.println((module ? "With" : "Without") + " the module: " + String.join(" ", command(options, module))
                    .replace(System.getProperty("java.class.path"), "<the class path above>"));
        }
        List<Run> runs = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            Machine.LoadSampler load = new Machine.LoadSampler();
            Count withModule, without;
            try {
                withModule = count(options, true);
                without = count(options, false);
            } catch (IllegalStateException e) {
                System.err.println("bnkit bench --startup: " + e.getMessage());
                System.exit(2);
                return;
            }
            Run result = new Run(withModule, without);
            runs.add(result);
            System.out.println();
            System.out.println("Run " + run + " of " + options.runs() + "; load average (1 min) during the run: " + load.stop());
            System.out.println(result.describe());
        }
        if (runs.size() > 1) {
            System.out.println();
            System.out.println(summary(runs));
        }
    }

    /** The command line: --runs N, --seconds S, --one-cpu. */
    record Options(int runs, double seconds, boolean oneCpu) {
        static Options parse(String[] args) {
            int runs = 3;
            double seconds = 12;
            boolean oneCpu = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--one-cpu" -> oneCpu = true;
                    case "--runs" -> {
                        if (i + 1 == args.length || !args[i + 1].matches("[1-9][0-9]*")) {
                            throw new IllegalArgumentException("--runs needs a whole number of runs >= 1, e.g. --runs 3");
                        }
                        runs = Integer.parseInt(args[++i]);
                    }
                    case "--seconds" -> {
                        if (i + 1 == args.length || !args[i + 1].matches("[0-9]+(\\.[0-9]+)?") || Double.parseDouble(args[i + 1]) < 2 * MARK) {
                            throw new IllegalArgumentException("--seconds needs a number of seconds >= " + 2 * MARK + ", e.g. --seconds 12");
                        }
                        seconds = Double.parseDouble(args[++i]);
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i]
                            + "'; the options are --runs N (default 3), --seconds S (of training per JVM, default 12),"
                            + " --one-cpu (both JVMs on one CPU with a 512 MB heap, as on Binder)");
                }
            }
            return new Options(runs, seconds, oneCpu);
        }
    }

    /**
     * One JVM's training: the steps made by each mark (the first at {@link #MARK} s), when the
     * layers first ran the Vector API's loops (NaN if they never did), and the JVM's processors and
     * collector (the JVM picks Serial on one CPU).
     */
    record Count(int[] steps, double vectorLoopsFrom, String jvm) {
        /** The line a child JVM prints, and {@link #parse} reads. */
        String line() {
            return "steps " + String.join(",", Arrays.stream(steps).mapToObj(Integer::toString).toList())
                    + " vector-loops-from " + (Double.isNaN(vectorLoopsFrom) ? "never" : String.format(Locale.ROOT, "%.3f", vectorLoopsFrom))
                    + " jvm " + jvm;
        }

        static Count parse(String line) {
            String[] words = line.trim().split(" ", 6);
            if (words.length != 6 || !words[0].equals("steps") || !words[2].equals("vector-loops-from") || !words[4].equals("jvm")) {
                throw new IllegalArgumentException("not a count line: '" + line + "'");
            }
            int[] steps = Arrays.stream(words[1].split(",")).mapToInt(Integer::parseInt).toArray();
            return new Count(steps, words[3].equals("never") ? Double.NaN : Double.parseDouble(words[3]), words[5]);
        }

        /** Steps per second over the last two seconds (the last four marks). */
        double lastRate() {
            int last = steps.length - 1, before = Math.max(-1, last - (int) Math.round(2 / MARK));
            return (steps[last] - (before < 0 ? 0 : steps[before])) / ((last - before) * MARK);
        }
    }

    /** The two JVMs of one run. */
    record Run(Count withModule, Count without) {
        /**
         * The first mark from which the JVM with the module had made at least as many steps as the
         * one without it at every mark to the end, in seconds; NaN if it was behind at the last.
         */
        double levelFrom() {
            int marks = Math.min(withModule.steps().length, without.steps().length);
            int first = marks;
            while (first > 0 && withModule.steps()[first - 1] >= without.steps()[first - 1]) {
                first--;
            }
            return first == marks ? Double.NaN : (first + 1) * MARK;
        }

        String describe() {
            int[] a = withModule.steps(), b = without.steps();
            StringBuilder marks = new StringBuilder();
            for (int second = 1; second * 2 <= a.length && second * 2 <= b.length; second *= 2) {
                marks.append(String.format(Locale.ROOT, "%n  by %2d s: %6d steps with the module, %6d without", second, a[2 * second - 1], b[2 * second - 1]));
            }
            double level = levelFrom();
            return String.format(Locale.ROOT, "JVM with the module: %s; without: %s%n"
                            + "With the module the layers ran the Vector API's loops from %s.%s%n"
                            + "  last 2 s: %.0f steps/s with the module, %.0f without (%.2fx)%n"
                            + "  the JVM with the module had made as many steps as the one without %s",
                    withModule.jvm(), without.jvm(),
                    Double.isNaN(withModule.vectorLoopsFrom()) ? "never (not within the run)" : String.format(Locale.ROOT, "%.2f s", withModule.vectorLoopsFrom()),
                    marks, withModule.lastRate(), without.lastRate(), withModule.lastRate() / without.lastRate(),
                    Double.isNaN(level) ? "at no time to the end of the run" : String.format(Locale.ROOT, "from %.1f s on", level));
        }
    }

    /** Median and range of the switch time and the last rates' ratio; the times at which the JVMs were level, run by run. */
    static String summary(List<Run> runs) {
        List<Double> from = new ArrayList<>(), ratio = new ArrayList<>();
        List<String> level = new ArrayList<>();
        for (Run run : runs) {
            if (!Double.isNaN(run.withModule().vectorLoopsFrom())) {
                from.add(run.withModule().vectorLoopsFrom());
            }
            ratio.add(run.withModule().lastRate() / run.without().lastRate());
            double l = run.levelFrom();
            level.add(Double.isNaN(l) ? "not within the run" : String.format(Locale.ROOT, "%.1f s", l));
        }
        return String.format(Locale.ROOT, "Over the %d runs: the Vector API's loops from %s; steps per second in the last 2 s,"
                        + " with the module over without, %s; level from %s",
                runs.size(), from.isEmpty() ? "never" : medianAndRange(from, "%.2f") + " s"
                        + (from.size() < runs.size() ? " (never in " + (runs.size() - from.size()) + ")" : ""),
                medianAndRange(ratio, "%.2f") + "x", String.join(", ", level));
    }

    private static String medianAndRange(List<Double> values, String format) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format(Locale.ROOT, format + " (" + format + "-" + format + ")", median, sorted.get(0), sorted.get(n - 1));
    }

    /** The command that starts one child JVM. */
    static List<String> command(Options options, boolean module) {
        List<String> command = new ArrayList<>();
        if (options.oneCpu()) {
            command.addAll(List.of("taskset", "-c", firstAllowedCpu()));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (options.oneCpu()) {
            command.add("-Xmx512m");
        }
        if (module) {
            command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Startup.class.getName(), CHILD,
                String.format(Locale.ROOT, "%.1f", options.seconds())));
        return command;
    }

    /** The first CPU this process may run on (/proc/self/status), for taskset. */
    private static String firstAllowedCpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring(line.indexOf(':') + 1).trim().split("[-,]")[0];
                }
            }
        } catch (IOException e) {
            // fall through
        }
        throw new IllegalStateException("--one-cpu needs Linux's /proc/self/status to choose a CPU for taskset");
    }

    static Count count(Options options, boolean module) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(options, module));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + builder.command().get(0)
                    + (options.oneCpu() ? " (--one-cpu needs taskset, from Debian's util-linux)" : "") + ": " + e.getMessage());
        }
        process.getOutputStream().close();
        byte[] err = process.getErrorStream().readAllBytes();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        String countLine = out.lines().filter(l -> l.startsWith("steps ")).findFirst().orElse(null);
        if (exit != 0 || countLine == null) {
            throw new IllegalStateException("the JVM " + (module ? "with" : "without") + " the module failed (exit " + exit + "): "
                    + out.strip() + " " + new String(err, StandardCharsets.UTF_8).strip());
        }
        return Count.parse(countLine);
    }

    /** A child JVM: trains for {@code seconds} of wall time and prints its {@link Count#line()}. */
    private static void trainAndCount(double seconds) throws InterruptedException {
        List<Batch> batches = Benchmark.mlpBatches();
        Runnable step = Benchmark.mlpSteps(false, batches);
        int marks = (int) Math.round(seconds / MARK);
        int[] steps = new int[marks];
        double vectorLoopsFrom = Double.NaN;
        long start = System.nanoTime(), next = start + (long) (MARK * 1e9);
        int done = 0, mark = 0;
        while (mark < marks) {
            step.run();
            done++;
            long now = System.nanoTime();
            if (Double.isNaN(vectorLoopsFrom) && Kernels.awaitVectorLoops(Duration.ZERO)) {
                vectorLoopsFrom = (now - start) / 1e9;
            }
            while (mark < marks && now >= next) {
                steps[mark++] = done;
                next += (long) (MARK * 1e9);
            }
        }
        int processors = Runtime.getRuntime().availableProcessors();
        System.out.println(new Count(steps, vectorLoopsFrom, processors + (processors == 1 ? " processor" : " processors")
                + ", collector " + Machine.collector()).line());
    }
}
