package org.bnkit.bench;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The reference of the benchmark: PyTorch on one thread, run by {@code /usr/bin/python3} from
 * the script bundled with the library ({@code torch_reference.py}). One process serves a whole
 * run ({@link Session}): the benchmark asks it for each workload right after timing bnkit's on the
 * same workload, so that the two times of a ratio are taken seconds apart. (Until commit 1b20110
 * PyTorch timed every workload after bnkit had timed all of them, a minute or more later, and a
 * slow spell of the shared machine, which can last tens of seconds and slow a step by 30%, fell on
 * one side of a ratio only.)
 *
 * <p>PyTorch's matrix products go through whatever {@code libblas.so.3} the dynamic loader
 * finds. Debian's {@code python3-torch} pulls in the reference (netlib) BLAS unless an optimized
 * one is installed, and netlib's dgemm is several times slower than OpenBLAS's, which flatters
 * any library compared with it. So the benchmark asks the script which BLAS libraries the
 * process really mapped and refuses to compare against anything but OpenBLAS, unless told to
 * ({@code --any-blas}).
 *
 * <p>The script runs with one thread ({@code OMP_NUM_THREADS=1}, {@code OPENBLAS_NUM_THREADS=1})
 * and without the caller's other {@code OPENBLAS_*} variables: {@code OPENBLAS_CORETYPE=Haswell},
 * for instance, makes OpenBLAS 0.3.21 use its AVX2 kernels on an AVX-512 machine where it would
 * detect and use its faster Cooperlake ones, which would again flatter bnkit.
 *
 * <p>And it runs with glibc's malloc keeping the memory PyTorch frees ({@link #MALLOC}: no mmap
 * for large blocks, no trimming of the heap). By default glibc hands large blocks back to the
 * kernel when they are freed, so that BN calls at widths of 1024 and
 * more got their outputs as fresh pages, each zeroed by the kernel at a page fault: on the CI
 * machine that made PyTorch's forward+backward up to 14 times slower at those shapes (256 x 4096:
 * 12.3-19.7 ms with about 2,000 page faults per call, 2.9-3.7 ms with none), and flattered bnkit, whose
 * arrays stay allocated from call to call. {@code tools/torch_step.py} does the same with
 * {@code mallopt} and counts the faults.
 */
final class PyTorchReference {
    static final String INSTALL = "apt-get install python3-torch libopenblas0-pthread";
    /** glibc's malloc settings for the reference: never mmap a block, trim the heap only past 2 GB free. */
    static final Map<String, String> MALLOC = Map.of("MALLOC_MMAP_MAX_", "0", "MALLOC_TRIM_THRESHOLD_", "2147483647");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** How long one answer may take: the slowest workload takes seconds; a hung process is ended after this. */
    static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(10);

    /**
     * What {@code --info} reported: torch's version, its build configuration, the mapped BLAS
     * libraries, and OpenBLAS's own {@code openblas_get_config()} and core name when it is one.
     */
    record Info(String version, List<String> config, List<String> mapped, List<String> openBlasConfig) {
        /** Whether the process mapped OpenBLAS, and no other BLAS behind libblas.so.3. */
        boolean openBlas() {
            return mapped.stream().anyMatch(p -> p.contains("openblas"))
                    && mapped.stream().noneMatch(p -> p.endsWith("libblas.so.3") && !p.contains("openblas"));
        }
    }

    private PyTorchReference() {
    }

    /**
     * Asks the script what PyTorch runs on.
     *
     * @throws IllegalStateException naming the apt-get command when there is no Python or no torch
     */
    static Info info() throws IOException, InterruptedException {
        List<String> config = new ArrayList<>(), mapped = new ArrayList<>(), openBlas = new ArrayList<>();
        String version = null;
        for (String line : run("--info").split("\n")) {
            String[] f = line.split("\t", 3);
            if (f.length == 3 && f[0].equals("info")) {
                switch (f[1]) {
                    case "torch" -> version = f[2];
                    case "config" -> config.add(f[2]);
                    case "mapped" -> mapped.add(f[2]);
                    case "openblas" -> openBlas.add(f[2]);
                    default -> {
                    }
                }
            }
        }
        if (version == null) {
            throw new IllegalStateException("the PyTorch reference script printed no version; run it by hand: "
                    + PYTHON + " lib/src/main/resources/org/bnkit/bench/torch_reference.py --info");
        }
        return new Info(version, config, mapped, openBlas);
    }

    /**
     * A reference process answering one workload at a time ("bn 60x100", "mlp", "mlp_bn") with
     * PyTorch's median seconds per repetition; the MLP step runs on the same binarized MNIST
     * batches as bnkit's, read from {@code mnist} (data/mnist).
     *
     * @throws IllegalStateException naming the apt-get command when there is no Python
     */
    static Session open(boolean quick, Path mnist) throws IOException {
        return new Session(start(List.of("--serve", quick ? "--quick" : "--full", "--mnist", mnist.toString())), ANSWER_TIMEOUT);
    }

    /** A running reference: {@link #seconds} asks it to time a workload; {@link #close} ends it. */
    static final class Session implements AutoCloseable {
        private final Process process;
        private final Writer requests;
        private final BufferedReader answers;
        private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        private final Thread errorReader;
        private final Duration answerTimeout;
        private volatile boolean timedOut;

        /**
         * Talks to {@code process}, which reads workload names a line each and answers "name, tab,
         * seconds"; ends it if an answer takes longer than {@code answerTimeout}.
         */
        Session(Process process, Duration answerTimeout) {
            this.process = process;
            this.answerTimeout = answerTimeout;
            this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.errorReader = drain(process.getErrorStream(), errors);
        }

        /**
         * PyTorch's median seconds per repetition of {@code workload}.
         *
         * @throws IllegalStateException when the process ended or answered something else, with
         *                               what it printed on its error stream
         */
        double seconds(String workload) throws IOException, InterruptedException {
            try {
                requests.write(workload + "\n");
                requests.flush();
            } catch (IOException e) {
                throw ended(workload);
            }
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
                timedOut = true;
                process.destroyForcibly();
            }, CompletableFuture.delayedExecutor(answerTimeout.toMillis(), TimeUnit.MILLISECONDS));
            String answer = answers.readLine();
            watchdog.cancel(false);
            if (answer == null) {
                throw ended(workload);
            }
            String[] f = answer.split("\t");
            if (f.length != 2 || !f[0].equals(workload)) {
                throw new IllegalStateException("the PyTorch reference answered '" + answer + "' when asked for '" + workload + "'");
            }
            return Double.parseDouble(f[1]);
        }

        private IllegalStateException ended(String workload) throws InterruptedException {
            if (timedOut) {
                return new IllegalStateException("the PyTorch reference gave no answer in " + answerTimeout.toSeconds()
                        + " s while timing '" + workload + "' and was ended");
            }
            process.waitFor(10, TimeUnit.SECONDS);
            errorReader.join(1000);
            return failure(process, errors, "while timing '" + workload + "'");
        }

        @Override
        public void close() throws IOException, InterruptedException {
            requests.close();
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            errorReader.join(1000);
        }
    }

    /**
     * The reference's environment, from the caller's: one thread, none of the caller's other
     * {@code OPENBLAS_*} or {@code GOTO*} variables, and {@link #MALLOC}.
     */
    static void setEnvironment(Map<String, String> environment) {
        environment.keySet().removeIf(k -> k.startsWith("OPENBLAS_") || k.startsWith("GOTO"));
        environment.put("OMP_NUM_THREADS", "1");
        environment.put("OPENBLAS_NUM_THREADS", "1");
        environment.putAll(MALLOC);
    }

    /** Starts the bundled script with {@code args} in the reference's environment ({@link #setEnvironment}). */
    private static Process start(List<String> args) throws IOException {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException("no " + PYTHON + " to run the PyTorch reference. Install it with: " + INSTALL
                    + " (or run the benchmark with --no-torch)");
        }
        String script;
        try (InputStream in = PyTorchReference.class.getResourceAsStream("torch_reference.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        setEnvironment(pb.environment());
        return pb.start();
    }

    /** Runs the script to its end and returns what it printed. */
    private static String run(String... args) throws IOException, InterruptedException {
        Process p = start(List.of(args));
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Thread errors = drain(p.getErrorStream(), err);
        p.getInputStream().transferTo(out);
        if (!p.waitFor(1, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the PyTorch reference did not finish in a minute");
        }
        errors.join();
        if (p.exitValue() != 0) {
            throw failure(p, err, "");
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A thread copying {@code from} into {@code to} until it ends. */
    private static Thread drain(InputStream from, ByteArrayOutputStream to) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException e) {
                // the process ended; what was read is reported
            }
        }, "pytorch-reference-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Why the ended process {@code p} failed: torch missing (exit 3), or its exit status and error output. */
    private static IllegalStateException failure(Process p, ByteArrayOutputStream err, String when) {
        if (p.isAlive()) {
            return new IllegalStateException("the PyTorch reference stopped answering " + when);
        }
        if (p.exitValue() == 3) {
            return new IllegalStateException(PYTHON + " cannot import torch. Install PyTorch on OpenBLAS with: " + INSTALL
                    + " (or run the benchmark with --no-torch)");
        }
        return new IllegalStateException("the PyTorch reference failed (exit " + p.exitValue() + ")" + (when.isEmpty() ? "" : " " + when)
                + ": " + err.toString(StandardCharsets.UTF_8).strip());
    }
}
