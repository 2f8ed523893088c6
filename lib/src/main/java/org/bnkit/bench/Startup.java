package org.bnkit.bench;

import org.bnkit.data.Batch;
import org.bnkit.nn.Kernels;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The first seconds of training in a new JVM, with and without the Vector API module: how long
 * the layers run the plain loops before the Vector API's loops take over, what the training
 * thread gets of the processor meanwhile, and when the JVM with the module has made as many SGD
 * steps as one without it.
 *
 * <pre>
 *   java -cp "lib/target/bnkit.jar:lib/target/dependency/*" org.bnkit.bench.Startup \
 *        [--runs N] [--seconds S] [--one-cpu]
 * </pre>
 *
 * <p>Each run starts two JVMs one after the other (which goes first alternates from run to run),
 * with {@code --add-modules jdk.incubator.vector} and without it, each training the Figure-1
 * network without BN on the benchmark's MNIST batches ({@link Benchmark#mlpSteps}) for S seconds
 * of wall time from the moment the network is built, and counting its steps and its training
 * thread's CPU time at every half second. Wall time, because until the Vector API's loops are
 * compiled the layers run the plain loops while the warm-up thread and the JIT compiler take
 * processor time from them, and the wait is what a reader of a notebook sees; the training
 * thread's CPU time shows how much of the processor it had. {@code --one-cpu} runs both JVMs on
 * one CPU ({@code taskset}) with a 512 MB heap, roughly as on Binder.
 */
public final class Startup {
    /** Steps are counted at every mark, this many seconds apart. */
    static final double MARK = 0.5;

    /** The seconds over which {@link Count#lastRate()} counts steps. */
    static final double LAST = 2;

    private static final String CHILD = "--child";

    private Startup() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals(CHILD)) {
            trainAndCount(Double.parseDouble(args[1]));
            return;
        }
        try {
            measure(Options.parse(args));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("bnkit bench --startup: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void measure(Options options) throws IOException, InterruptedException {
        System.out.println("bnkit startup benchmark: " + options.runs() + " run" + (options.runs() == 1 ? "" : "s")
                + " of two new JVMs (with and without the Vector API module), each training the Figure-1 network"
                + " without BN for " + options.seconds() + " s of wall time from the moment it is built"
                + (options.oneCpu() ? ", on one CPU with a 512 MB heap" : ""));
        System.out.println("CPU: " + Machine.cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores on this machine");
        System.out.println("Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        for (String inherited : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            if (System.getenv(inherited) != null) {
                System.out.println("Both JVMs inherit " + inherited + "=" + System.getenv(inherited));
            }
        }
        System.out.println("Class path of both: " + System.getProperty("java.class.path"));
        for (boolean module : new boolean[] {true, false}) {
            System.out.println((module ? "With" : "Without") + " the module: " + String.join(" ", command(options, module))
                    .replace(System.getProperty("java.class.path"), "<the class path above>"));
        }
        List<Run> runs = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            Machine.LoadSampler load = new Machine.LoadSampler();
            boolean moduleFirst = run % 2 == 1;
            Count first = count(options, moduleFirst), second = count(options, !moduleFirst);
            Run result = moduleFirst ? new Run(first, second) : new Run(second, first);
            runs.add(result);
            System.out.println();
            System.out.println("Run " + run + " of " + options.runs() + " (the JVM " + (moduleFirst ? "with" : "without")
                    + " the module first); load average (1 min) during the run: " + load.stop());
            System.out.println(result.describe());
        }
        if (runs.size() > 1) {
            System.out.println();
            System.out.println(summary(runs));
        }
    }

    /** The command line: --runs N, --seconds S, --one-cpu. */
    record Options(int runs, double seconds, boolean oneCpu) {
        static final double MAX_SECONDS = 600;

        static Options parse(String[] args) {
            int runs = 3;
            double seconds = 20;
            boolean oneCpu = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--one-cpu" -> oneCpu = true;
                    case "--runs" -> {
                        if (i + 1 == args.length || !args[i + 1].matches("[1-9][0-9]{0,2}")) {
                            throw new IllegalArgumentException("--runs needs a whole number of runs from 1 to 999, e.g. --runs 5");
                        }
                        runs = Integer.parseInt(args[++i]);
                    }
                    case "--seconds" -> {
                        if (i + 1 == args.length || !args[i + 1].matches("[0-9]{1,3}(\\.[05])?")
                                || Double.parseDouble(args[i + 1]) < 2 * LAST || Double.parseDouble(args[i + 1]) > MAX_SECONDS) {
                            throw new IllegalArgumentException("--seconds needs a whole or half number of seconds from " + 2 * LAST
                                    + " to " + MAX_SECONDS + ", e.g. --seconds 20");
                        }
                        seconds = Double.parseDouble(args[++i]);
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i]
                            + "'; the options are --runs N (default 3), --seconds S (of training per JVM, default 20),"
                            + " --one-cpu (both JVMs on one CPU with a 512 MB heap, roughly as on Binder)");
                }
            }
            return new Options(runs, seconds, oneCpu);
        }
    }

    /**
     * One JVM's training. At each mark (the first {@link #MARK} s after the network was built) the
     * steps made so far, counting the step under way at the mark, and the training thread's CPU
     * seconds so far; when the layers first ran the Vector API's loops (NaN if they never did); the
     * time the JVM spent compiling, from its start to the end of the run (elapsed time, as
     * {@code CompilationMXBean} counts it: on one CPU it includes waiting for the processor); the
     * JVM's processors and collector (it picks Serial on one CPU).
     */
    record Count(int[] steps, double[] cpu, double vectorLoopsFrom, double compileSeconds, String jvm) {
        /** The line a child JVM prints, and {@link #parse} reads. */
        String line() {
            return "steps " + Arrays.stream(steps).mapToObj(Integer::toString).collect(Collectors.joining(","))
                    + " cpu " + Arrays.stream(cpu).mapToObj(c -> String.format(Locale.ROOT, "%.3f", c)).collect(Collectors.joining(","))
                    + " vector-loops-from " + (Double.isNaN(vectorLoopsFrom) ? "never" : String.format(Locale.ROOT, "%.3f", vectorLoopsFrom))
                    + String.format(Locale.ROOT, " compile %.3f", compileSeconds) + " jvm " + jvm;
        }

        static Count parse(String line) {
            String[] words = line.trim().split(" ", 10);
            if (words.length != 10 || !words[0].equals("steps") || !words[2].equals("cpu") || !words[4].equals("vector-loops-from")
                    || !words[6].equals("compile") || !words[8].equals("jvm")) {
                throw new IllegalArgumentException("not a count line: '" + line + "'");
            }
            return new Count(Arrays.stream(words[1].split(",")).mapToInt(Integer::parseInt).toArray(),
                    Arrays.stream(words[3].split(",")).mapToDouble(Double::parseDouble).toArray(),
                    words[5].equals("never") ? Double.NaN : Double.parseDouble(words[5]), Double.parseDouble(words[7]), words[9]);
        }

        /** Steps per second over the last {@link #LAST} seconds of the run. */
        double lastRate() {
            int last = steps.length - 1, back = (int) Math.round(LAST / MARK);
            return (steps[last] - steps[last - back]) / LAST;
        }
    }

    /** The two JVMs of one run. */
    record Run(Count withModule, Count without) {
        /**
         * The time of the first mark from which the JVM with the module had made at least as many
         * steps as the one without it at every mark to the end of the run; NaN if it was behind at
         * the last mark.
         */
        double caughtUpFrom() {
            int marks = Math.min(withModule.steps().length, without.steps().length);
            int first = marks;
            while (first > 0 && withModule.steps()[first - 1] >= without.steps()[first - 1]) {
                first--;
            }
            return first == marks ? Double.NaN : (first + 1) * MARK;
        }

        String describe() {
            StringBuilder text = new StringBuilder();
            text.append("  JVM with the module: ").append(withModule.jvm()).append("; without: ").append(without.jvm()).append('\n');
            text.append("  With the module the layers ran the Vector API's loops from ").append(Double.isNaN(withModule.vectorLoopsFrom())
                    ? "no time in the run" : String.format(Locale.ROOT, "%.2f s", withModule.vectorLoopsFrom())).append(".\n");
            text.append("           steps with / without the module   training thread's CPU seconds with / without\n");
            for (int second = 1; 2 * second <= Math.min(withModule.steps().length, without.steps().length); second *= 2) {
                int mark = markAt(second);
                text.append(String.format(Locale.ROOT, "  by %2d s: %7d / %7d                      %6.2f / %6.2f%n", second,
                        withModule.steps()[mark], without.steps()[mark], withModule.cpu()[mark], without.cpu()[mark]));
            }
            text.append(String.format(Locale.ROOT, "  last %.0f s: %.0f steps/s with the module, %.0f without (%.2fx)%n", LAST,
                    withModule.lastRate(), without.lastRate(), withModule.lastRate() / without.lastRate()));
            text.append(String.format(Locale.ROOT, "  time spent compiling (elapsed): %.2f s with the module, %.2f s without%n",
                    withModule.compileSeconds(), without.compileSeconds()));
            double caughtUp = caughtUpFrom();
            text.append("  caught up: ").append(Double.isNaN(caughtUp)
                    ? "the JVM with the module was still behind at the end of the run"
                    : String.format(Locale.ROOT, "the JVM with the module had made at least as many steps as the one without from %.1f s on", caughtUp));
            return text.toString();
        }
    }

    /** The index of the mark at {@code seconds} after the start. */
    static int markAt(double seconds) {
        return (int) Math.round(seconds / MARK) - 1;
    }

    /** Median and range of the switch time and the last rates' ratio; the times at which the JVM with the module caught up, run by run. */
    static String summary(List<Run> runs) {
        List<Double> from = new ArrayList<>(), ratio = new ArrayList<>();
        List<String> caughtUp = new ArrayList<>();
        for (Run run : runs) {
            if (!Double.isNaN(run.withModule().vectorLoopsFrom())) {
                from.add(run.withModule().vectorLoopsFrom());
            }
            ratio.add(run.withModule().lastRate() / run.without().lastRate());
            double time = run.caughtUpFrom();
            caughtUp.add(Double.isNaN(time) ? "not within the run" : String.format(Locale.ROOT, "%.1f s", time));
        }
        return String.format(Locale.ROOT, "Over the %d runs, median (range): the Vector API's loops from %s; steps per second in the"
                        + " last %.0f s, with the module over without, %s; caught up from %s",
                runs.size(), from.isEmpty() ? "no time in any run" : medianAndRange(from, "%.2f") + " s"
                        + (from.size() < runs.size() ? " (no time in " + (runs.size() - from.size()) + " runs)" : ""),
                LAST, medianAndRange(ratio, "%.2f") + "x", String.join(", ", caughtUp));
    }

    static String medianAndRange(List<Double> values, String format) {
        return String.format(Locale.ROOT, format + " (" + format + "-" + format + ")",
                Benchmark.median(values), Collections.min(values), Collections.max(values));
    }

    /** The command that starts one child JVM; every option before the main class. */
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
            // not Linux: fall through
        }
        throw new IllegalStateException("--one-cpu needs Linux (/proc/self/status names the CPUs that taskset may use);"
                + " run without --one-cpu here");
    }

    /**
     * Runs one child JVM and reads its count. Its output (with its errors) goes to a file, read once
     * it has ended, so that no pipe can fill and stall it; it gets a minute more than its run to end.
     * BNKIT_VECTOR is not passed on: it would turn the Vector API's loops off in the JVM with the module.
     */
    static Count count(Options options, boolean module) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(options, module));
        builder.environment().remove("BNKIT_VECTOR");
        Path output = Files.createTempFile("bnkit-startup-", ".txt");
        try {
            builder.redirectErrorStream(true).redirectOutput(output.toFile());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start " + builder.command().get(0)
                        + (options.oneCpu() ? " (--one-cpu needs taskset: apt-get install util-linux)" : "") + ": " + e.getMessage());
            }
            if (!process.waitFor((long) options.seconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the JVM " + (module ? "with" : "without") + " the module did not end within "
                        + ((long) options.seconds() + 60) + " s; its output so far: " + Files.readString(output).strip());
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            String countLine = out.lines().filter(l -> l.startsWith("steps ")).findFirst().orElse(null);
            if (process.exitValue() != 0 || countLine == null) {
                throw new IllegalStateException("the JVM " + (module ? "with" : "without") + " the module failed (exit "
                        + process.exitValue() + "): " + out.strip());
            }
            return Count.parse(countLine);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** A child JVM: trains for {@code seconds} of wall time and prints its {@link Count#line()}. */
    private static void trainAndCount(double seconds) throws InterruptedException {
        List<Batch> batches = Benchmark.mlpBatches();
        Runnable step = Benchmark.mlpSteps(false, batches);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int marks = markAt(seconds) + 1;
        int[] steps = new int[marks];
        double[] cpu = new double[marks];
        double vectorLoopsFrom = Double.NaN;
        long start = System.nanoTime(), cpuStart = threads.getCurrentThreadCpuTime(), next = start + (long) (MARK * 1e9);
        int done = 0, mark = 0;
        while (mark < marks) {
            step.run();
            done++;
            long now = System.nanoTime();
            if (Double.isNaN(vectorLoopsFrom) && Kernels.awaitVectorLoops(Duration.ZERO)) {
                vectorLoopsFrom = (now - start) / 1e9;
            }
            while (mark < marks && now >= next) {
                steps[mark] = done;
                cpu[mark++] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                next += (long) (MARK * 1e9);
            }
        }
        int processors = Runtime.getRuntime().availableProcessors();
        double compileSeconds = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3;
        System.out.println(new Count(steps, cpu, vectorLoopsFrom, compileSeconds, processors + (processors == 1 ? " processor" : " processors")
                + ", collector " + Machine.collector()).line());
    }
}
